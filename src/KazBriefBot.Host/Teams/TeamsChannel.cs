using KazBriefBot.Host.Scheduling;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace KazBriefBot.Host.Teams;

/// <summary>Registers the Teams channel's services and endpoints.</summary>
public static partial class TeamsChannel
{
    /// <summary>The HttpClient that fetches the OpenID metadata and signing keys.</summary>
    public const string MetadataClientName = "KazBriefBot.Teams.Metadata";

    /// <summary>The HttpClient MSAL uses for the token endpoint.</summary>
    public const string MsalClientName = "KazBriefBot.Teams.Msal";

    /// <summary>The HttpClient that calls the Bot Connector (with retries on 429/5xx).</summary>
    public const string ConnectorClientName = "KazBriefBot.Teams.Connector";

    /// <summary>The endpoint Azure Bot Service posts activities to.</summary>
    public const string MessagesPath = "/api/messages";

    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<TeamsOptions>()
            .Configure<IConfiguration>((options, config) => TeamsOptions.Bind(config.GetSection(TeamsOptions.SectionName), options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        services.AddHttpClient(MetadataClientName);
        services.AddHttpClient(MsalClientName);
        services.AddHttpClient(ConnectorClientName)
            .AddResilienceHandler("teams-connector", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    // The default predicate retries 408, 429, 5xx and transport failures; 403 MessageWritesBlocked is never retried.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryBaseDelay,
                        MaxDelay = TimeSpan.FromSeconds(30),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                    });
                }
            });

        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<TeamsContinuationStore>();
        services.AddSingleton<TeamsMessageComposer>();
        services.AddSingleton<TeamsSender>();
        services.AddSingleton<TeamsReplyQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsReplyQueue>());
        services.AddSingleton<TeamsActivityHandler>();
        services.AddSingleton<TeamsChannelPoster>();
        services.AddSingleton<IChannelPoster>(sp => sp.GetRequiredService<TeamsChannelPoster>());
        services.AddHostedService<TeamsStartupReport>();
        return services;
    }

    public static WebApplication MapTeamsChannel(this WebApplication app)
    {
        // Not the request's abort token: a client that hangs up right after sending (Azure Bot Service gives up after
        // 10-15 s) must still get its activity read, checked and queued; the reply itself runs under the host's lifetime.
        app.MapPost(MessagesPath, static (HttpRequest request, TeamsActivityHandler handler) =>
            request.HasJsonContentType()
                ? handler.HandleAsync(request, CancellationToken.None)
                : Task.FromResult(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Activities are JSON (application/json).")));
        return app;
    }

    /// <summary>Checks the Teams settings together at start, with one message per problem.</summary>
    private sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
    {
        public ValidateOptionsResult Validate(string? name, TeamsOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    /// <summary>Says at start which mode the Teams endpoint runs in (never the secret).</summary>
    private sealed partial class TeamsStartupReport(IOptions<TeamsOptions> options, ILogger<TeamsStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (settings.IsLocalMode)
            {
                LogLocalMode(logger, MessagesPath);
            }
            else
            {
                var tokens = settings.AppType == TeamsAppType.UserAssignedMSI ? "the managed identity endpoint" : settings.EffectiveAuthority;
                LogAuthenticated(logger, MessagesPath, settings.AppType, settings.AppId, settings.EffectiveTokenIssuer, tokens);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: no Teams:AppId configured, {Path} runs in LOCAL MODE: requests are not authenticated and replies carry no token (for the Bot Framework Emulator only).")]
        private static partial void LogLocalMode(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Teams: {Path} accepts Bot Framework tokens ({Issuer}) for {AppType} app {AppId}; outbound tokens from {Tokens}.")]
        private static partial void LogAuthenticated(ILogger logger, string path, TeamsAppType appType, string appId, string issuer, string tokens);
    }
}
