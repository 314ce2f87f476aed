namespace KazBriefBot.Host.Storage;

/// <summary>Where the bot keeps its state: a SQLite file (default) or a PostgreSQL database shared by several hosts.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Sqlite (default) or Postgres.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Sqlite: path of the database file; a relative path is resolved against the content root. Its folder is created.</summary>
    public string Path { get; set; } = "data/kazbrief.db";

    /// <summary>Postgres: the Npgsql connection string. A secret (it holds the password): set it through an environment
    /// variable (Storage__ConnectionString) or user-secrets, never in appsettings.json; it is never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How often a host that does not hold a singleton job's lock (feed polling) tries to take it.</summary>
    public TimeSpan LeaderRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem of these settings, one line each; none names the connection string's content.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            problems.Add("Storage:Provider must be Sqlite or Postgres.");
        }
        else if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Storage:Path must name the SQLite database file.");
        }
        else if (Provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                problems.Add("Storage:Provider is Postgres, so Storage:ConnectionString must be set (environment variable Storage__ConnectionString or user-secrets).");
            }
            else if (!IsValidConnectionString(ConnectionString))
            {
                problems.Add("Storage:ConnectionString is not a valid PostgreSQL connection string (expected Host=…;Port=…;Database=…;Username=…;Password=…).");
            }
        }

        if (LeaderRetryInterval <= TimeSpan.Zero)
        {
            problems.Add("Storage:LeaderRetryInterval must be positive.");
        }

        return problems;
    }

    private static bool IsValidConnectionString(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }
}
