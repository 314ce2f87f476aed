using System.Globalization;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KazBriefBot.Host.Tests.Storage;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public void The_schema_is_created_on_first_start_in_WAL_mode_and_reopened_as_is()
    {
        var path = Path.Combine(Paths.NewTempFolder(), "not", "yet", "kazbrief.db");
        var database = new SqliteDatabase(path);
        Assert.False(File.Exists(path));

        Assert.Equal(SqliteDatabase.CurrentVersion, database.EnsureCreated());
        Assert.True(File.Exists(path));
        using (var connection = database.Open())
        {
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
            Assert.Equal(SqliteDatabase.CurrentVersion.ToString(CultureInfo.InvariantCulture), Scalar(connection, "PRAGMA user_version;"));
            Assert.Equal(
                ["deliveries", "delivery_parts", "slack_events", "slack_installations", "slack_work", "subscriptions", "teams_continuations"],
                Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO subscriptions (channel, conversation_id, local_time, time_zone, active_from, created_at, updated_at) VALUES ('slack', 'C1', '08:00', 'Asia/Almaty', 0, 0, 0)";
            insert.ExecuteNonQuery();
        }

        // A second start over the same file: no migration runs again, the data is there.
        var reopened = new SqliteDatabase(path);
        Assert.Equal(SqliteDatabase.CurrentVersion, reopened.EnsureCreated());
        using var again = reopened.Open();
        Assert.Equal(["C1"], Strings(again, "SELECT conversation_id FROM subscriptions"));
    }

    [Fact]
    public void A_version_1_database_is_upgraded_and_keeps_its_subscriptions()
    {
        var path = Path.Combine(Paths.NewTempFolder(), "kazbrief.db");
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = SqliteDatabase.Migrations[0] + "\nPRAGMA user_version = 1;" +
                "INSERT INTO subscriptions (channel, conversation_id, local_time, time_zone, active_from, created_at, updated_at) VALUES ('teams', '19:c@thread.tacv2', '08:00', 'Asia/Almaty', 0, 0, 0);";
            create.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var database = new SqliteDatabase(path);
        Assert.Equal(SqliteDatabase.CurrentVersion, database.EnsureCreated());
        using var connection = database.Open();
        Assert.Equal(["19:c@thread.tacv2"], Strings(connection, "SELECT conversation_id FROM subscriptions"));
        Assert.Equal(["teams_continuations"], Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'teams_continuations'"));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_with_a_clear_error()
    {
        var path = Path.Combine(Paths.NewTempFolder(), "kazbrief.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var error = Assert.Throws<InvalidOperationException>(() => new SqliteDatabase(path).EnsureCreated());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_databases_migrating_the_same_new_file_at_once_both_end_current()
    {
        var path = Path.Combine(Paths.NewTempFolder(), "kazbrief.db");
        var versions = new int[4];
        Parallel.For(0, versions.Length, i => versions[i] = new SqliteDatabase(path).EnsureCreated());
        Assert.All(versions, v => Assert.Equal(SqliteDatabase.CurrentVersion, v));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
