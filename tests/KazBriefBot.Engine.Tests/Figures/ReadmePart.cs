namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Writes generated sections (spec rates, BBC report) into /tmp/readme-parts/figures.md between markers.</summary>
public static class ReadmePart
{
    private static readonly Lock Gate = new();

    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "readme-parts", "figures.md");

    public static void Upsert(string section, string markdown)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var begin = $"<!-- figures:{section} -->";
            var end = $"<!-- /figures:{section} -->";
            var block = $"{begin}\n{markdown.TrimEnd()}\n{end}";
            var text = File.Exists(FilePath) ? File.ReadAllText(FilePath) : string.Empty;
            var b = text.IndexOf(begin, StringComparison.Ordinal);
            var e = text.IndexOf(end, StringComparison.Ordinal);
            text = b >= 0 && e > b ? text[..b] + block + text[(e + end.Length)..] : text.TrimEnd() + (text.Length > 0 ? "\n\n" : string.Empty) + block + "\n";
            File.WriteAllText(FilePath, text);
        }
    }
}
