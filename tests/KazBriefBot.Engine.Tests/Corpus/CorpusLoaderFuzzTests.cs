using FsCheck;
using FsCheck.Fluent;
using KazBriefBot.Engine.Corpus;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Corpus;

/// <summary>Random, mutated, empty and huge files beside the seeds: the loader never throws, and every seed still loads.</summary>
public sealed class CorpusLoaderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_and_mutated_files_never_break_loading_of_the_good_ones()
    {
        var seeds = Directory.GetFiles(TestCorpus.SeedsFolder).Select(File.ReadAllBytes).ToArray();
        var files = Gen.Frequency(new (int, Gen<byte[]>)[]
        {
            (3, Gen.Choose(0, 4096).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))),
            (4, Gen.Elements(seeds).SelectMany(Mutate)),
            (1, Gen.Constant(Array.Empty<byte>())),
            (1, Gen.Choose(1, 3).Select(mb => new byte[mb * 1024 * 1024 + 1])),
        });

        var cases = 0;
        var property = Prop.ForAll(Arb.From(Gen.ListOf(files, 6).Select(l => l.ToArray())), batch =>
        {
            var dir = TestCorpus.NewTempFolder();
            foreach (var seed in Directory.GetFiles(TestCorpus.SeedsFolder))
            {
                File.Copy(seed, Path.Combine(dir, Path.GetFileName(seed)));
            }

            for (var i = 0; i < batch.Length; i++)
            {
                File.WriteAllBytes(Path.Combine(dir, $"fuzz_{i}.txt"), batch[i]);
            }

            var result = new CorpusLoader(new CorpusOptions { Path = dir, MaxFileBytes = 1024 * 1024 }).Load();
            cases += batch.Length;
            var seedsLoaded = result.Articles.Count(a => !a.Id.StartsWith("fuzz_", StringComparison.Ordinal)) == seeds.Length;
            var everyFileAccounted = result.Articles.Count + result.Skipped.Count == seeds.Length + batch.Length;
            var verbatim = result.Articles.All(a => a.Sentences.All(s => a.Text.AsSpan(s.Start, s.End - s.Start).SequenceEqual(s.Text)));
            Directory.Delete(dir, recursive: true);
            return seedsLoaded && everyFileAccounted && verbatim;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
        output.WriteLine($"Corpus loader fuzz: {cases} generated files");
        Assert.True(cases > 0);
    }

    /// <summary>Byte flips, truncations and insertions of NUL or invalid UTF-8 into a real article.</summary>
    private static Gen<byte[]> Mutate(byte[] seed) =>
        Gen.Choose(0, int.MaxValue).Select(s =>
        {
            var random = new System.Random(s);
            var bytes = seed.ToList();
            for (var i = random.Next(1, 8); i > 0 && bytes.Count > 0; i--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                    case 2: bytes.Insert(at, 0xFF); break;
                    default: bytes.InsertRange(at, "\r\n\r\n«“\u00A0"u8.ToArray()); break;
                }
            }

            return bytes.ToArray();
        });
}
