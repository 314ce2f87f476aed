using System.Text.RegularExpressions;
using KazBriefBot.Engine.Text;
using Lucene.Net.Tartarus.Snowball.Ext;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Text;

public sealed partial class Porter2StemmerTests(ITestOutputHelper output)
{
    [Theory]
    // From the published Porter2 sample vocabulary (snowballstem.org, english voc.txt → output.txt) and the algorithm's own examples.
    [InlineData("consign", "consign")]
    [InlineData("consigned", "consign")]
    [InlineData("consignment", "consign")]
    [InlineData("consistency", "consist")]
    [InlineData("consistently", "consist")]
    [InlineData("consolation", "consol")]
    [InlineData("consolatory", "consolatori")]
    [InlineData("consolidating", "consolid")]
    [InlineData("consolingly", "consol")]
    [InlineData("conspicuously", "conspicu")]
    [InlineData("conspiracy", "conspiraci")]
    [InlineData("constable", "constabl")]
    [InlineData("constancy", "constanc")]
    [InlineData("generously", "generous")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("news", "news")]
    [InlineData("cries", "cri")]
    [InlineData("ties", "tie")]
    [InlineData("gaps", "gap")]
    [InlineData("kiwis", "kiwi")]
    [InlineData("hopping", "hop")]
    [InlineData("hoping", "hope")]
    [InlineData("proceed", "proceed")]
    [InlineData("agreed", "agre")]
    [InlineData("sayings", "say")]
    [InlineData("investments", "invest")]
    public void Stems_like_the_published_algorithm(string word, string expected) =>
        Assert.Equal(expected, Porter2Stemmer.Stem(word));

    [Fact]
    public void Announce_announced_and_announcement_share_a_stem()
    {
        var stems = new[] { "announce", "announced", "announces", "announcing", "announcement" }.Select(Porter2Stemmer.Stem).Distinct().ToList();
        Assert.Equal(["announc"], stems);
    }

    [Fact]
    public void Agrees_with_lucenes_snowball_english_stemmer_on_every_seed_word()
    {
        var words = TestCorpus.Seeds.Articles.SelectMany(a => Words().Matches(a.Text.ToLowerInvariant()).Select(m => m.Value)).Distinct().ToList();
        Assert.True(words.Count > 500, $"only {words.Count} words");
        AssertSameAsLucene(words);
    }

    [SharedDataFact("summaries/BBC News Summary/News Articles")]
    public void Agrees_with_lucenes_snowball_english_stemmer_on_the_bbc_vocabulary()
    {
        var folder = Path.Combine(TestCorpus.SharedFolder, "data", "summaries", "BBC News Summary", "News Articles");
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories))
        {
            foreach (Match m in Words().Matches(File.ReadAllText(file).ToLowerInvariant()))
            {
                words.Add(m.Value);
            }
        }

        Assert.True(words.Count > 20_000, $"only {words.Count} distinct words read");
        AssertSameAsLucene(words);
    }

    private void AssertSameAsLucene(IEnumerable<string> words)
    {
        var lucene = new EnglishStemmer();
        var differences = new List<string>();
        var count = 0;
        foreach (var word in words)
        {
            count++;
            lucene.SetCurrent(word);
            lucene.Stem();
            var theirs = lucene.Current;
            var ours = Porter2Stemmer.Stem(word);
            if (theirs != ours)
            {
                differences.Add($"{word}: ours {ours}, Lucene {theirs}");
            }
        }

        output.WriteLine($"{count} words compared, {differences.Count} differences");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Words();
}
