using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Corpus;

public sealed class CorpusLoaderTests
{
    [Fact]
    public void Seeds_load_and_sentences_are_exact_spans_of_the_file()
    {
        var snapshot = TestCorpus.Seeds;
        Assert.Equal(5, snapshot.Articles.Count);
        foreach (var article in snapshot.Articles)
        {
            var fileText = File.ReadAllText(article.Path);
            Assert.NotEmpty(article.Sentences);
            foreach (var s in article.Sentences)
            {
                Assert.Equal(s.Text, fileText[s.Start..s.End]);
            }
        }
    }

    [Fact]
    public void Broken_files_are_skipped_with_a_reason_and_the_rest_load()
    {
        var dir = TestCorpus.NewTempFolder();
        File.Copy(Path.Combine(TestCorpus.SeedsFolder, "001_43cb461444ca7a2a.txt"), Path.Combine(dir, "good.txt"));
        File.WriteAllBytes(Path.Combine(dir, "empty.txt"), []);
        File.WriteAllBytes(Path.Combine(dir, "binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]);
        File.WriteAllBytes(Path.Combine(dir, "latin1.txt"), [0x53, 0xE1, 0x6E, 0x63, 0x68, 0x65, 0x7A, 0x2E]);
        File.WriteAllText(Path.Combine(dir, "huge.txt"), new string('a', 5000));

        var result = new CorpusLoader(new CorpusOptions { Path = dir, MaxFileBytes = 4096 }).Load();

        Assert.Single(result.Articles);
        Assert.Equal(4, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("empty.txt", StringComparison.Ordinal) && s.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("binary.txt", StringComparison.Ordinal) && s.Reason.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("latin1.txt", StringComparison.Ordinal) && s.Reason.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("huge.txt", StringComparison.Ordinal) && s.Reason.Contains("limit", StringComparison.Ordinal));
    }
}
