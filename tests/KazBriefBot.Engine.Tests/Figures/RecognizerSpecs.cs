using System.Globalization;
using System.Text;
using System.Text.Json;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Runs Microsoft Recognizers-Text English specs against our number grammar and scores every case.</summary>
public static class RecognizerSpecs
{
    /// <summary>The outcome of one spec file: cases run, cases right, cases skipped as not supported on .NET, and the failures.</summary>
    public sealed record SpecScore(string File, int Run, int Right, int Skipped, IReadOnlyList<string> Failures)
    {
        public double Rate => Run == 0 ? 0 : (double)Right / Run;

        public string Summary => $"{File}: {Right}/{Run} right ({Rate:P1}), {Skipped} skipped (NotSupported on dotnet)";
    }

    /// <summary>
    /// A case is right when we return exactly the expected results of the model's type, in order: the same text
    /// (case-insensitive, as the specs lower-case some), the same resolved value (relative tolerance 1e-9; a null value
    /// for bare mentions like "dollar" or "percent") and, for currency, the same unit name.
    /// </summary>
    public static SpecScore Score(string fileName, string typeName, Func<string, IReadOnlyList<RecognizedNumber>> recognize)
    {
        var path = Path.Combine(TestCorpus.SharedFolder, "data", "recognizers-specs", fileName);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        int run = 0, right = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            if (NotSupportedOnDotnet(c))
            {
                skipped++;
                continue;
            }

            run++;
            var input = c.GetProperty("Input").GetString()!;
            var expected = c.GetProperty("Results").EnumerateArray()
                .Where(r => r.GetProperty("TypeName").GetString() == typeName)
                .Select(r => (Text: r.GetProperty("Text").GetString()!, Value: ExpectedValue(r), Unit: ExpectedUnit(r)))
                .ToList();
            var actual = recognize(input);
            var ok = actual.Count == expected.Count;
            for (var i = 0; ok && i < expected.Count; i++)
            {
                var (text, value, unit) = expected[i];
                var a = actual[i];
                ok = string.Equals(a.Text, text, StringComparison.OrdinalIgnoreCase)
                    && SameValue(a.Value, value)
                    && (typeName != "currency" || string.Equals(a.Unit, unit, StringComparison.OrdinalIgnoreCase));
            }

            if (ok)
            {
                right++;
            }
            else
            {
                failures.Add($"{Trim(input)} => expected [{string.Join("; ", expected.Select(e => $"{e.Text}={e.Value?.ToString(CultureInfo.InvariantCulture) ?? "null"} {e.Unit}"))}] got [{string.Join("; ", actual.Select(a => $"{a.Text}={a.Value?.ToString(CultureInfo.InvariantCulture) ?? "null"} {a.Unit}"))}]");
            }
        }

        return new SpecScore(fileName, run, right, skipped, failures);
    }

    public static string Report(IEnumerable<SpecScore> scores)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| spec | cases run | right | rate | skipped (NotSupported on dotnet) |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var s in scores)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {s.File} | {s.Run} | {s.Right} | {s.Rate:P1} | {s.Skipped} |");
        }

        return sb.ToString();
    }

    private static bool NotSupportedOnDotnet(JsonElement c)
    {
        foreach (var key in new[] { "NotSupported", "NotSupportedByDesign" })
        {
            if (c.TryGetProperty(key, out var v) && v.GetString() is { } platforms
                && platforms.Split(',').Any(p => p.Trim().Equals("dotnet", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static decimal? ExpectedValue(JsonElement r)
    {
        if (!r.TryGetProperty("Resolution", out var res) || !res.TryGetProperty("value", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var s = v.GetString()!.TrimEnd('%');
        return s == "null" ? null : decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string? ExpectedUnit(JsonElement r) =>
        r.TryGetProperty("Resolution", out var res) && res.TryGetProperty("unit", out var u) ? u.GetString() : null;

    private static bool SameValue(decimal? actual, decimal? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }

        var scale = Math.Max(Math.Abs(expected.Value), 1e-20m);
        return Math.Abs(actual.Value - expected.Value) / scale < 1e-9m;
    }

    private static string Trim(string s) => s.Length > 90 ? s[..90] + "…" : s;
}
