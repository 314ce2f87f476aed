using System.Globalization;
using BenchmarkDotNet.Running;
using KazBriefBot.Bench;

// Default: the comparison report (retrieval quality, speed, memory, growth). "bdn": the BenchmarkDotNet suites.
if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Report).Assembly).Run(args[1..]);
    return 0;
}

// "reload [articles]": a reload after one new article on a large corpus against a full build (ReloadReport).
if (args.Length > 0 && args[0] == "reload")
{
    return ReloadReport.Run(args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var articles) && articles > 0 ? articles : 10_000, Console.Out);
}

// "profile [seconds]" and "profile-build [runs] [squad]": loops for a profiler (see ProfileLoops).
if (args.Length > 0 && args[0] is "profile" or "profile-build")
{
    var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (args[0] == "profile" ? 20 : 15);
    if (args[0] == "profile")
    {
        ProfileLoops.Queries(count, Console.Out);
    }
    else
    {
        ProfileLoops.Builds(count, args.Contains("squad"), Console.Out);
    }

    return 0;
}

// "--misses FILE": also write the SQuAD questions whose gold sentence is not ranked first (JSON Lines).
var missesAt = Array.IndexOf(args, "--misses");
if (missesAt >= 0 && missesAt + 1 < args.Length)
{
    Report.MissesPath = args[missesAt + 1];
}

// "--fold 0|1": score retrieval on the questions of the even or odd paragraphs only (choose weights on one, check on the other).
var foldAt = Array.IndexOf(args, "--fold");
if (foldAt >= 0)
{
    if (foldAt + 1 >= args.Length || args[foldAt + 1] is not ("0" or "1"))
    {
        Console.Error.WriteLine("--fold takes 0 (even paragraphs) or 1 (odd paragraphs).");
        return 2;
    }

    Report.Fold = args[foldAt + 1] == "0" ? 0 : 1;
}

// "rerank": the late-interaction reranking experiment (RerankExperiment).
if (args.Length > 0 && args[0] == "rerank")
{
    return RerankExperiment.Run(args, Console.Out);
}

// "noanswer [--fold 0|1] [--refusals FILE] [--dump FILE] [--negatives] [--heldout2] [--no-seeds] [--no-squad] [--verbose] [--work DIR]":
// the no-answer decision on
// SQuAD (refusals by rule) and the seeds' evaluation sets (lexical, dense, hybrid).
if (args.Length > 0 && args[0] == "noanswer")
{
    return NoAnswerReport.Run(args, Console.Out);
}

// "semantic [--fold 0|1] [--weights 0.3,0.7] [--model ArcticXs]": lexical, dense and hybrid retrieval, embedding speed.
if (args.Length > 0 && args[0] == "semantic")
{
    return SemanticReport.Run(args, Console.Out);
}

return Report.Run(quick: args.Contains("--quick"), retrievalOnly: args.Contains("--retrieval"), Console.Out);
