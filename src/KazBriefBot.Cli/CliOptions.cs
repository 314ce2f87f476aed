namespace KazBriefBot.Cli;

/// <summary>The parsed command line.</summary>
public sealed class CliOptions
{
    public string? Command { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public string? Corpus { get; private set; }

    public bool Json { get; private set; }

    /// <summary>--lexical: no embedding model, lexical retrieval only.</summary>
    public bool Lexical { get; private set; }

    public string? QuestionsFile { get; private set; }

    public DateOnly? Date { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public bool Latest { get; private set; }

    public bool IncludeUndated { get; private set; }

    /// <summary>ingest --feed URL: the feed to fetch once.</summary>
    public string? Feed { get; private set; }

    /// <summary>ingest --url PAGE: the article page to fetch once.</summary>
    public string? Url { get; private set; }

    /// <summary>ingest --allow-private-network: allow loopback and private addresses (tests, intranet feeds).</summary>
    public bool AllowPrivateNetwork { get; private set; }

    /// <summary>ask --more N: skip the first N quotes (the "More quotes" follow-up).</summary>
    public int More { get; private set; }

    public static CliOptions Parse(string[] args, out string? error)
    {
        string? firstError = null;
        var o = new CliOptions();
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string? Next()
            {
                if (i + 1 < args.Length)
                {
                    return args[++i];
                }

                return null;
            }

            switch (a)
            {
                case "--json": o.Json = true; break;
                case "--lexical": o.Lexical = true; break;
                case "--latest": o.Latest = true; break;
                case "--include-undated": o.IncludeUndated = true; break;
                case "--allow-private-network": o.AllowPrivateNetwork = true; break;
                case "--feed": o.Feed = Next() ?? Fail("--feed needs a feed address"); break;
                case "--url": o.Url = Next() ?? Fail("--url needs a page address"); break;
                case "--corpus": o.Corpus = Next() ?? Fail("--corpus needs a folder"); break;
                case "--questions": o.QuestionsFile = Next() ?? Fail("--questions needs a file"); break;
                case "--more":
                    if (int.TryParse(Next(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var more))
                    {
                        o.More = more;
                    }
                    else
                    {
                        Fail("--more needs a number of quotes to skip");
                    }

                    break;
                case "--date": o.Date = ParseDate(Next(), "--date"); break;
                case "--from": o.From = ParseDate(Next(), "--from"); break;
                case "--to": o.To = ParseDate(Next(), "--to"); break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal))
                    {
                        Fail($"unknown option {a}");
                    }
                    else if (o.Command is null)
                    {
                        o.Command = a.ToLowerInvariant();
                    }
                    else
                    {
                        words.Add(a);
                    }

                    break;
            }
        }

        o.Text = string.Join(' ', words);
        error = firstError;
        return o;

        string? Fail(string message)
        {
            firstError ??= "error: " + message;
            return null;
        }

        DateOnly? ParseDate(string? value, string option)
        {
            if (value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d))
            {
                return d;
            }

            Fail($"{option} needs a date as YYYY-MM-DD");
            return null;
        }
    }
}
