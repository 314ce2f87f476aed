using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KazBriefBot.Host.Tests.Storage;

/// <summary>Storage:Provider = Postgres through the host's configuration: where it logs, how it fails, and that the password never shows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConfigurationTests(PostgresServer server)
{
    [Fact]
    public async Task A_host_on_postgres_logs_where_its_database_is_but_never_the_password()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = connectionString },
            builder => builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));

        var database = host.Services.GetRequiredService<BotDatabase>();
        Assert.Equal(StorageProvider.Postgres, database.Provider);
        Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<SqliteDatabase>());
        using (var subscribe = new StringContent("""{"text":"subscribe 08:00 UTC","conversationId":"web-1"}""", System.Text.Encoding.UTF8, "application/json"))
        {
            using var _ = await host.Client.PostAsync(new Uri("/api/chat", UriKind.Relative), subscribe);
        }

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        var everything = string.Join('\n', logs.Select(l => $"{l.Category} {l.Message} {l.Exception}"));
        var port = new NpgsqlConnectionStringBuilder(connectionString).Port;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Assert.Contains($"Database (Postgres) postgres://{PostgresServer.User}@127.0.0.1:{port}/{name} ready at schema version {PostgresDatabase.CurrentVersion}", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_stops_the_start_with_a_clear_error_that_does_not_repeat_it()
    {
        const string wrong = "wrong-password-9d2c71";
        var builder = new NpgsqlConnectionStringBuilder(await server.NewDatabaseAsync()) { Password = wrong };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = builder.ConnectionString,
        }));

        Assert.StartsWith("Cannot open the PostgreSQL database postgres://kazbrief@127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_or_with_a_malformed_one_is_refused_at_start_naming_the_setting()
    {
        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres" }));
        Assert.Contains("Storage:Provider is Postgres, so Storage:ConnectionString must be set", Assert.Single(missing.Failures), StringComparison.Ordinal);

        const string malformed = "Host=127.0.0.1;Password=secret-in-a-bad-string;Port=not-a-number";
        var bad = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = malformed,
        }));
        var failure = Assert.Single(bad.Failures);
        Assert.Contains("Storage:ConnectionString is not a valid PostgreSQL connection string", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-a-bad-string", bad.ToString(), StringComparison.Ordinal);
    }
}
