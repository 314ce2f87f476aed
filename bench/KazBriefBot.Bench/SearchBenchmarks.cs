using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Bench;

/// <summary>BenchmarkDotNet: index build and a batch of queries, ours against Lucene.NET on the same corpus in the same run.</summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class SearchBenchmarks
{
    private const int QueriesPerInvoke = 1000;
    private IReadOnlyList<Article> _articles = [];
    private string[] _questions = [];
    private OursSentenceIndex _ours = null!;
    private LuceneSentenceIndex _lucene = null!;

    [Params("squad", "bbc")]
    public string Corpus { get; set; } = "squad";

    [GlobalSetup]
    public void Setup()
    {
        if (Corpus == "squad")
        {
            var squad = Datasets.LoadSquad();
            _articles = squad.Articles;
            _questions = squad.Questions.Take(QueriesPerInvoke).Select(q => q.Question).ToArray();
        }
        else
        {
            _articles = Datasets.LoadBbc();
            _questions = _articles.Take(QueriesPerInvoke).Select(a => a.Metadata.Title ?? a.Sentences[0].Text).ToArray();
        }

        _ours = OursSentenceIndex.Build(_articles);
        _lucene = LuceneSentenceIndex.Build(_articles);
    }

    [GlobalCleanup]
    public void Cleanup() => _lucene.Dispose();

    [Benchmark(Baseline = true)]
    public object BuildLucene()
    {
        var index = LuceneSentenceIndex.Build(_articles);
        index.Dispose();
        return index;
    }

    [Benchmark]
    public object BuildOurs() => OursSentenceIndex.Build(_articles);

    [Benchmark(OperationsPerInvoke = QueriesPerInvoke)]
    public int QueryLucene()
    {
        var found = 0;
        foreach (var q in _questions)
        {
            found += _lucene.Search(q, 10).Length;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = QueriesPerInvoke)]
    public int QueryOurs()
    {
        var found = 0;
        foreach (var q in _questions)
        {
            found += _ours.Search(q, 10).Length;
        }

        return found;
    }

    /// <summary>In-process (no generated project to build) and short: the numbers are ratios within one run.</summary>
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5));
    }
}
