using KazBriefBot.Host.Scheduling;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>Registers the Slack channel's services and endpoints.</summary>
public static class SlackChannel
{
    /// <summary>The channel name used in ConversationRef.Channel.</summary>
    public const string Name = "slack";

    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton<SlackRequestReader>();
        services.AddSingleton<SlackWorkQueue>();
        services.AddSingleton<SlackEventDeduplicator>();
        services.AddSingleton<SlackBlockedConversations>();
        services.AddSingleton<SlackReplySender>();
        services.AddSingleton<SlackEndpoints>();
        services.AddSingleton<IChannelPoster, SlackChannelPoster>();
        services.AddHostedService<SlackWorker>();

        services.AddHttpClient<SlackApiClient>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                client.BaseAddress = options.ApiBaseUrl;
                client.Timeout = TotalTimeout(options) + TimeSpan.FromSeconds(10);
            })
            // Response URLs are short-lived credentials: keep the factory's per-request URI logs out; SlackApiClient logs method and error.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
                resilience.Retry.Delay = options.RetryBaseDelay;
                resilience.Retry.MaxDelay = TimeSpan.FromSeconds(60);
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = TotalTimeout(options);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.AttemptTimeout.Ticks * 2 + TimeSpan.TicksPerSecond));
            });

        // Typed clients are transient; the sender and poster are singletons, so they share one long-lived client from the factory.
        services.AddSingleton(sp => sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SlackApiClient)) is { } client
            ? ActivatorUtilities.CreateInstance<SlackApiClient>(sp, client)
            : throw new InvalidOperationException("Slack HTTP client missing."));
        return services;
    }

    public static WebApplication MapSlackChannel(this WebApplication app)
    {
        var group = app.MapGroup("/slack").DisableAntiforgery();
        group.MapPost("/commands", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleCommandAsync(context));
        group.MapPost("/events", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleEventAsync(context));
        group.MapPost("/interactions", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleInteractionAsync(context));
        return app;
    }

    private static TimeSpan TotalTimeout(SlackOptions options) =>
        options.AttemptTimeout * (options.MaxRetries + 1) + TimeSpan.FromMinutes(2);
}

/// <summary>Checks the Slack settings at start and reports every problem at once.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
