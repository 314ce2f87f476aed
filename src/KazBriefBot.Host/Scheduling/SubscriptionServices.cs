using KazBriefBot.Host.Commands;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Scheduling;

/// <summary>Registers storage, the subscription commands and the daily digest scheduler.</summary>
public static class SubscriptionServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<StorageOptions>()
            .Bind(config.GetSection(StorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Path must name the SQLite database file.")
            .ValidateOnStart();
        services.AddOptions<SchedulingOptions>()
            .Bind(config.GetSection(SchedulingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteDatabase(Path.GetFullPath(options.Path, root));
        });
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<IHostCommandHandler, SubscribeHandler>();
        services.AddSingleton<IHostCommandHandler, UnsubscribeHandler>();
        services.AddSingleton<IHostCommandHandler, SubscriptionsHandler>();
        services.AddHostedService<StorageStartup>();
        services.AddHostedService<DigestScheduler>();
        return services;
    }
}

/// <summary>Creates or upgrades the database when the host starts, so a bad Storage:Path or schema stops the start with a clear error.</summary>
internal sealed partial class StorageStartup(SqliteDatabase database, ILogger<StorageStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var version = database.EnsureCreated();
        LogReady(logger, database.FilePath, version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path} ready at schema version {Version}")]
    private static partial void LogReady(ILogger logger, string path, int version);
}

/// <summary>Reports every problem of the Scheduling settings at start.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
