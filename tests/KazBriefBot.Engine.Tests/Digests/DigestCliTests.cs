using System.Text.Json;
using KazBriefBot.Cli;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class DigestCliTests
{
    [Fact]
    public async Task JsonDigestOfAWideRangeQuotesTheFilesVerbatim()
    {
        var (code, stdout, stderr) = await Run("digest", "--corpus", TestCorpus.SeedsFolder, "--from", "2000-01-01", "--to", "2030-12-31", "--include-undated", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr.Trim());
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("2000-01-01", root.GetProperty("from").GetString());
        Assert.Equal("2030-12-31", root.GetProperty("to").GetString());
        var all = root.GetProperty("items").EnumerateArray().Concat(root.GetProperty("undated").EnumerateArray()).ToList();
        Assert.Equal(Directory.GetFiles(TestCorpus.SeedsFolder).Length, all.Count);
        Assert.Contains(root.GetProperty("items").EnumerateArray(), i => i.GetProperty("source").GetProperty("date").GetString() == "2023-09-14");
        Assert.Contains(root.GetProperty("items").EnumerateArray(), i => i.GetProperty("source").GetProperty("date").GetString() == "2015-10-21");
        Assert.All(root.GetProperty("undated").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("source").GetProperty("date").ValueKind));
        foreach (var highlight in all.SelectMany(i => i.GetProperty("highlights").EnumerateArray()))
        {
            var source = highlight.GetProperty("source");
            var fileText = File.ReadAllText(Path.Combine(TestCorpus.Root, source.GetProperty("path").GetString()!));
            Assert.Equal(highlight.GetProperty("text").GetString(), fileText[source.GetProperty("start").GetInt32()..source.GetProperty("end").GetInt32()]);
        }
    }

    [Fact]
    public async Task DefaultIsTheLatestDayInReadableSections()
    {
        var (code, latest, _) = await Run("digest", "--corpus", TestCorpus.SeedsFolder, "--latest");
        var (defaultCode, byDefault, _) = await Run("digest", "--corpus", TestCorpus.SeedsFolder);

        Assert.Equal(0, code);
        Assert.Equal(0, defaultCode);
        Assert.Equal(latest, byDefault);
        var day = TestCorpus.Seeds.Articles.Max(a => a.Metadata.Date);
        Assert.True(day >= new DateOnly(2023, 9, 14));
        Assert.StartsWith($"Digest for {day:yyyy-MM-dd}", latest, StringComparison.Ordinal);
        Assert.Contains("#1. ", latest, StringComparison.Ordinal);
        Assert.Contains($"{day:yyyy-MM-dd}, ", latest, StringComparison.Ordinal);
        Assert.Contains("   • “", latest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyDaySaysSoInOneLine()
    {
        var (code, stdout, _) = await Run("digest", "--corpus", TestCorpus.SeedsFolder, "--date", "1999-01-01");

        Assert.Equal(0, code);
        Assert.Equal("Nothing to digest: no article published on 1999-01-01.", stdout.Trim());
    }

    [Theory]
    [InlineData("--date", "2023-09-14", "--latest")]
    [InlineData("--from", "2023-09-14")]
    [InlineData("--from", "2023-09-30", "--to", "2023-09-01")]
    [InlineData("--date", "14/09/2023")]
    public async Task BadOptionsFailWithAMessage(params string[] options)
    {
        var (code, stdout, stderr) = await Run(["digest", "--corpus", TestCorpus.SeedsFolder, .. options]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("error:", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
