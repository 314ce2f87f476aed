using System.Net;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
        services.TryAddSingleton<SlackWorkJournal>();
        services.AddSingleton<SlackBlockedConversations>();
        services.AddSingleton<SlackTokens>();
        services.TryAddSingleton<DeliveryPartLedger>();
        services.TryAddSingleton<SlackInstallationStore>();
        services.AddSingleton<SlackReplySender>();
        services.AddSingleton<SlackChartUpload>();
        services.AddSingleton<SlackEndpoints>();
        services.AddSingleton<SlackOAuth>();
        services.AddSingleton<SlackSocketModeStatus>();
        services.AddSingleton<IChannelPoster, SlackChannelPoster>();
        services.AddHostedService<SlackWorker>();
        services.AddHostedService<SlackWorkRecovery>();
        services.AddHostedService<SlackSocketModeClient>();
        AddTokenEncryption(services);

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
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()));
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
        group.MapGet("/install", (HttpContext context, SlackOAuth oauth) => oauth.Install(context));
        group.MapGet("/oauth/callback", (HttpContext context, SlackOAuth oauth) => oauth.CallbackAsync(context));
        return app;
    }

    /// <summary>
    /// Whether the pipeline may send a request again. A 429 means Slack did nothing, so anything is retried after it; a
    /// connection that never opened likewise. After a timeout or a 5xx a post may already be in the channel, so only
    /// requests marked <see cref="SlackApiClient.Idempotent"/> (reads, lookups) are repeated; the senders resolve the rest.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
        {
            return true;
        }

        var idempotent = request is not null && request.Options.TryGetValue(SlackApiClient.Idempotent, out var marked) && marked;
        return idempotent && HttpClientResiliencePredicates.IsTransient(outcome);
    }

    private static void AddTokenEncryption(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("KazBriefBot");

        // Keys live beside the database (or at Slack:DataProtectionKeysPath), so stored tokens survive restarts; with
        // PostgreSQL they live in the database itself, so that every host decrypts the tokens any host stored.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IOptions<SlackOptions>, IOptions<StorageOptions>>((keys, sp, slack, storage) =>
        {
            var env = sp.GetRequiredService<IHostEnvironment>();
            if (slack.Value.DataProtectionKeysPath is not { Length: > 0 } && storage.Value.Provider == StorageProvider.Postgres)
            {
                keys.XmlRepository = new DatabaseKeyRing(sp.GetRequiredService<BotDatabase>(), sp.GetRequiredService<TimeProvider>());
                return;
            }

            var folder = slack.Value.DataProtectionKeysPath is { Length: > 0 } configured
                ? Path.GetFullPath(configured, env.ContentRootPath)
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path, env.ContentRootPath))!, "keys");
            keys.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(folder), sp.GetRequiredService<ILoggerFactory>());
        });
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
