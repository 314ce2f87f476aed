using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Web;

/// <summary>Registers the Web channel's services and endpoints: the HTTP API under /api and the chat page at /.</summary>
public static class WebChannel
{
    public static IServiceCollection AddWebChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.SectionName)
            .Validate(o => o.MaxRequestBodyBytes is >= 1024 and <= 10 * 1024 * 1024, "Web:MaxRequestBodyBytes must be between 1024 and 10485760.")
            .Validate(o => o.MaxQuestionLength is >= 10 and <= 100_000, "Web:MaxQuestionLength must be between 10 and 100000.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication MapWebChannel(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            // Only this channel's endpoints get the small body limit; other channels under /api keep their own.
            var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false })
            {
                limit.MaxRequestBodySize = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.MaxRequestBodyBytes;
            }

            try
            {
                return await next(context);
            }
#pragma warning disable CA1031 // Any failure of a handler becomes a logged 500 problem response.
            catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                // A bug must not leave the page with an empty 500: log it and answer with a problem description.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebChannel))
                    .LogError(ex, "Web API request {Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
                return Results.Problem(title: "Internal error", detail: "The request failed; the error has been logged.", statusCode: StatusCodes.Status500InternalServerError);
            }
#pragma warning restore CA1031
        });
        // Per client address: a page or script that asks too often gets 429 with a problem description.
        api.RequireRateLimiting(Reliability.ReliabilityServices.ApiPolicy);
        WebApi.Map(api);
        ChatPage.Map(app);
        return app;
    }
}
