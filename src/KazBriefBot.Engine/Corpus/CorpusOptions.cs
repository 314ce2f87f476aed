namespace KazBriefBot.Engine.Corpus;

/// <summary>Where the corpus lives and what the loader accepts (configuration section "Corpus").</summary>
public sealed class CorpusOptions
{
    public const string SectionName = "Corpus";

    /// <summary>Folder holding the article files; relative paths are resolved against the working directory.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Files larger than this are skipped with a logged reason.</summary>
    public long MaxFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>File extensions read as articles.</summary>
    public string[] Extensions { get; set; } = [".txt", ".md", ".markdown"];
}
