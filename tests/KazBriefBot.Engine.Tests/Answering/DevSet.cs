using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>The evaluation question files next to these tests.</summary>
public static class DevSet
{
    public static string DevSetPath => Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "devset.tsv");

    public static string HeldOutPath => Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "heldout.tsv");

    public static IReadOnlyList<EvaluationCase> Development => EvaluationCase.Parse(File.ReadAllLines(DevSetPath));

    public static IReadOnlyList<EvaluationCase> HeldOut => EvaluationCase.Parse(File.ReadAllLines(HeldOutPath));

    public static IEnumerable<object[]> AllQuestions =>
        Development.Concat(HeldOut).Select(c => new object[] { c.Question });
}
