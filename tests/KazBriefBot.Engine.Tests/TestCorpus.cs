using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests;

/// <summary>The shipped seed corpus, loaded once and shared by tests (snapshots are immutable).</summary>
public static class TestCorpus
{
    private static readonly Lazy<CorpusSnapshot> LazySeeds = new(() =>
    {
        var options = new CorpusOptions { Path = SeedsFolder };
        var loaded = new CorpusLoader(options).Load();
        return CorpusSnapshot.Build(SeedsFolder, loaded, DateTimeOffset.UnixEpoch);
    });

    public static string Root { get; } = FindRoot();

    public static string SeedsFolder => Path.Combine(Root, "seeds");

    public static string SharedFolder => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static CorpusSnapshot Seeds => LazySeeds.Value;

    public static string NewTempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kazbrief-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A new temporary folder holding copies of the seed articles, for tests that add articles of their own.</summary>
    public static string CopyOfSeeds()
    {
        var folder = NewTempFolder();
        foreach (var file in Directory.GetFiles(SeedsFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>Loads and indexes a folder as the engine does.</summary>
    public static CorpusSnapshot Build(string folder) =>
        CorpusSnapshot.Build(folder, new CorpusLoader(new CorpusOptions { Path = folder }).Load(), DateTimeOffset.UnixEpoch);

    // Found from this source file's path, so tests work whatever the build output folder is.
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazBriefBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (KazBriefBot.sln) not found.");
    }
}
