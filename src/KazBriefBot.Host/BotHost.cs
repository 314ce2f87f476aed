using System.Diagnostics;
using KazBriefBot.Embeddings;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Host.Ingestion;
using KazBriefBot.Host.Reliability;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Web;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host;

/// <summary>Builds the bot host: configuration, engine, router, channels and endpoints. Tests build it the same way.</summary>
public static class BotHost
{
    /// <summary>Where the host listens when no URL is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app; <paramref name="configure"/> lets tests add configuration or services before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var buildStarted = Stopwatch.GetTimestamp();
        var root = RepoRoot.Find();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Options are read once at start, so the default configuration file watchers would only cost inotify instances.
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            ContentRootPath = root ?? Directory.GetCurrentDirectory(),
        });

        // The root appsettings.json is the single configuration file; environment variables and user-secrets override it.
        builder.Configuration.AddJsonFile(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);

        // A newcomer's `dotnet run` listens on loopback only; --urls, ASPNETCORE_URLS or "Urls" in configuration override it.
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<CorpusOptions>()
            .BindConfiguration(CorpusOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Corpus:Path must name the folder of article files.")
            .Validate(o => o.MaxFileBytes > 0, "Corpus:MaxFileBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CorpusOptions>, CorpusFolderValidator>();
        builder.Services.AddOptions<SemanticOptions>()
            .BindConfiguration(SemanticOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SemanticOptions>, SemanticOptionsValidator>();
        // One model for the whole host, loaded in the background by SemanticIndexer and disposed with the container;
        // null when Semantic:Enabled is false.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SemanticOptions>>().Value is { Enabled: true } semantic
            ? new DeferredEmbedder(semantic, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DeferredEmbedder>>())
            : null!);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CorpusOptions>>().Value;
            var resolved = new CorpusOptions
            {
                Path = Path.GetFullPath(options.Path, builder.Environment.ContentRootPath),
                MaxFileBytes = options.MaxFileBytes,
                Extensions = options.Extensions,
            };
            var embedder = sp.GetService<DeferredEmbedder>();
            // Relative cache paths mean the same folder whatever the working directory, like Corpus:Path.
            var cacheFolder = embedder is null
                ? null
                : Path.GetFullPath(sp.GetRequiredService<IOptions<SemanticOptions>>().Value.CachePath, builder.Environment.ContentRootPath);
            return new BriefingEngine(resolved, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), embedder, cacheFolder);
        });

        // Every handler registered as ICommandHandler joins the one router shared by all channels.
        builder.Services.AddSingleton<IEnumerable<ICommandHandler>>(sp => EngineCommands.Create(sp.GetRequiredService<BriefingEngine>()));
        // The router reads typed dates ("today's digest") on the host's clock, the one the engine uses.
        builder.Services.AddSingleton(sp => new CommandRouter(
            sp.GetRequiredService<IEnumerable<ICommandHandler>>().Concat(sp.GetServices<IHostCommandHandler>()),
            sp.GetRequiredService<TimeProvider>()));

        builder.Services.AddOptions<CorpusWatchOptions>().BindConfiguration(CorpusOptions.SectionName)
            .Validate(o => o.ReloadDelayMs is >= 0 and <= 60_000, "Corpus:ReloadDelayMs must be between 0 and 60000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CorpusWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CorpusWatcher>());
        builder.Services.AddSingleton<SemanticIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SemanticIndexer>());
        builder.Services.AddReliability();
        builder.Services.AddWebChannel(builder.Configuration);
        builder.Services.AddSubscriptions(builder.Configuration);
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddSlackChannel(builder.Configuration);
        builder.Services.AddIngestion();

        configure?.Invoke(builder);

        var app = builder.Build();
        app.LogReadyOnStart(buildStarted);
        app.UseRateLimiter();
        app.MapHealth();
        app.MapWebChannel();
        app.MapTeamsChannel();
        app.MapSlackChannel();
        return app;
    }
}

/// <summary>A command handler contributed by the host (it needs host storage), added to the engine's handlers.</summary>
public interface IHostCommandHandler : ICommandHandler;
