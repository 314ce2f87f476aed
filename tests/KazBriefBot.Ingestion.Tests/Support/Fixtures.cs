using KazBriefBot.Engine.Tests;

namespace KazBriefBot.Ingestion.Tests.Support;

/// <summary>The recorded feeds and pages in ../shared/fixtures; a missing folder fails the test with a clear message.</summary>
public static class Fixtures
{
    public static string Feeds => Require("fixtures/feeds");

    public static string Readability => Require("fixtures/articles/readability");

    /// <summary>Every Readability test page, by folder name.</summary>
    public static IReadOnlyList<string> PageNames =>
        Directory.GetDirectories(Readability).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>Tuning pages: every other page in name order (the first, third, ...). The rest are held out and only scored.</summary>
    public static IReadOnlyList<string> TuningPages => PageNames.Where((_, i) => i % 2 == 0).ToList();

    public static IReadOnlyList<string> HeldOutPages => PageNames.Where((_, i) => i % 2 == 1).ToList();

    public static string Require(string relative)
    {
        var path = Path.Combine(TestCorpus.SharedFolder, relative);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"../shared/{relative} is absent (looked for {path}): check out the shared material beside the repository to run the ingestion tests.");
        }

        return path;
    }
}
