using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>The evaluation question files next to these tests.</summary>
public static class DevSet
{
    public static string DevSetPath => Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "devset.tsv");

    public static string HeldOutPath => Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "heldout.tsv");

    public static IReadOnlyList<EvaluationCase> Development => EvaluationCase.Parse(File.ReadAllLines(DevSetPath));

    public static IReadOnlyList<EvaluationCase> HeldOut => EvaluationCase.Parse(File.ReadAllLines(HeldOutPath));

    /// <summary>Written after tuning and first run blind (11/13 at top 1 and top 3 then).</summary>
    public static IReadOnlyList<EvaluationCase> HeldOut2 =>
        EvaluationCase.Parse(File.ReadAllLines(Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "heldout2.tsv")));

    public static IEnumerable<object[]> AllQuestions =>
        Development.Concat(HeldOut).Concat(HeldOut2).Select(c => new object[] { c.Question });
}
