namespace KazBriefBot.Host.Storage;

/// <summary>Where the bot keeps its SQLite database (subscriptions and the delivery ledger).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Path of the database file; a relative path is resolved against the content root. Its folder is created.</summary>
    public string Path { get; set; } = "data/kazbrief.db";
}
