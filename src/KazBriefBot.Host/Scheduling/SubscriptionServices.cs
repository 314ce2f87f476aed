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
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<SchedulingOptions>()
            .Bind(config.GetSection(SchedulingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();

        // The provider is chosen when the database is first needed: tests and user-secrets add configuration after registration.
        services.AddSingleton<BotDatabase>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.Postgres
                ? new PostgresDatabase(options.ConnectionString!)
                : new SqliteDatabase(Path.GetFullPath(options.Path, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        });
        services.AddSingleton(sp => sp.GetRequiredService<BotDatabase>() as SqliteDatabase
            ?? throw new InvalidOperationException("Storage:Provider is Postgres: there is no SQLite database in this host."));
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

/// <summary>Creates or upgrades the database when the host starts, so a bad Storage:Path, an unreachable server or a newer
/// schema stops the start with a clear error.</summary>
internal sealed partial class StorageStartup(BotDatabase database, ILogger<StorageStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        int version;
        try
        {
            version = database.EnsureCreated();
        }
        catch (Npgsql.NpgsqlException ex)
        {
            // Npgsql's messages name the host and the failure, never the password; the connection string is not repeated.
            throw new InvalidOperationException($"Cannot open the PostgreSQL database {database.Location}: {ex.Message}", ex);
        }

        LogReady(logger, database.Provider, database.Location, version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) {Location} ready at schema version {Version}")]
    private static partial void LogReady(ILogger logger, StorageProvider provider, string location, int version);
}

/// <summary>Reports every problem of the Storage settings at start.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
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
