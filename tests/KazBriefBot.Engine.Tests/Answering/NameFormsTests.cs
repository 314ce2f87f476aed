using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

public sealed class NameFormsTests
{
    private static string Analyzed(string word) => TestCorpus.Seeds.Index.Analyzer.Analyze("the " + word)[^1].Term;

    private static int Term(string word) => TestCorpus.Seeds.Index.TermIdOf(Analyzed(word));

    [Theory]
    // Both forms occur in the seeds (checked by hand: "Central Asian corridor" and "Central Asia" in 000).
    [InlineData("Asian", "Asia")]
    [InlineData("Ukrainians", "Ukraine")]
    [InlineData("Kazakh", "Kazakhstan")]
    [InlineData("American", "America")]
    public void A_name_and_its_derived_form_are_one_name(string asked, string written)
    {
        var index = TestCorpus.Seeds.Index;
        var forms = NameForms.Of(index, Analyzed(asked));
        Assert.True(Term(written) >= 0 && Term(asked) >= 0, "both forms must be in the seeds");
        Assert.Contains(Term(written), forms);
        Assert.Contains(Term(asked), forms);
    }

    [Fact]
    public void Different_names_are_not_joined()
    {
        var index = TestCorpus.Seeds.Index;
        var forms = NameForms.Of(index, Analyzed("Russia"));
        Assert.DoesNotContain(Term("Iran"), forms);
        Assert.DoesNotContain(Term("US"), forms);
        Assert.Empty(NameForms.Of(index, "atlantis"));
    }
}
