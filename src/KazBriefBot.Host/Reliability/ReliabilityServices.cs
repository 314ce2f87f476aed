using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Reliability;

/// <summary>Registers the limits that keep the host up under accidental abuse: chat rate limits and API rate limits.</summary>
public static class ReliabilityServices
{
    /// <summary>The rate-limiter policy applied to the /api/* endpoints (per client address).</summary>
    public const string ApiPolicy = "api";

    public static IServiceCollection AddReliability(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChatDispatcher>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { type = "about:blank", title = "Too many requests", status = 429, detail = ChatDispatcher.SlowDownText },
                    cancellationToken);
            };
            limiter.AddPolicy(ApiPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ApiPerClientPerMinute;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
