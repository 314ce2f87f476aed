namespace KazBriefBot.Engine.Answering;

/// <summary>One evaluation question: expected article id prefixes and phrases, or no answer at all.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Articles">Article id prefixes that count as right; empty when the right answer is "nothing found".</param>
/// <param name="Phrases">Phrases that must all appear in the top 3 quotes from those articles (the first quote needs one of them).</param>
public sealed record EvaluationCase(string Question, IReadOnlyList<string> Articles, IReadOnlyList<string> Phrases)
{
    public bool ExpectsNoAnswer => Articles.Count == 0;

    /// <summary>Reads "question TAB articles(|) TAB phrases(;)" lines; "-" means no answer; '#' lines are comments.</summary>
    /// <exception cref="FormatException">A line does not have three tab-separated fields.</exception>
    public static IReadOnlyList<EvaluationCase> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var cases = new List<EvaluationCase>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                throw new FormatException($"Evaluation line needs three tab-separated fields: {line}");
            }

            var articles = parts[1].Trim() == "-" ? [] : parts[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var phrases = parts[2].Trim() == "-" ? [] : parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            cases.Add(new EvaluationCase(parts[0].Trim(), articles, phrases));
        }

        return cases;
    }
}

/// <summary>How one question fared: right at rank 1, right within the top 3.</summary>
public sealed record EvaluationResult(EvaluationCase Case, Answer Answer, bool Top1, bool Top3);

/// <summary>Hit rates over a set of questions.</summary>
public sealed record EvaluationReport(IReadOnlyList<EvaluationResult> Results)
{
    public int Top1Hits => Results.Count(r => r.Top1);

    public int Top3Hits => Results.Count(r => r.Top3);

    public double Top1Rate => Results.Count == 0 ? 0 : (double)Top1Hits / Results.Count;

    public double Top3Rate => Results.Count == 0 ? 0 : (double)Top3Hits / Results.Count;

    /// <summary>Scores answers against their cases: top-1 = the first quote is from an expected article and holds one
    /// expected phrase; top-3 = every expected phrase is in a top-3 quote from an expected article; a no-answer case is
    /// right (at both) only when there is no quote.</summary>
    public static EvaluationReport Score(IEnumerable<(EvaluationCase Case, Answer Answer)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var results = new List<EvaluationResult>();
        foreach (var (c, answer) in answers)
        {
            if (c.ExpectsNoAnswer)
            {
                var right = !answer.Answered && answer.Quotes.Count == 0;
                results.Add(new EvaluationResult(c, answer, right, right));
                continue;
            }

            bool FromExpected(Quote q) => c.Articles.Any(a => q.Source.Id.StartsWith(a, StringComparison.OrdinalIgnoreCase));
            var top3 = answer.Quotes.Take(3).Where(FromExpected).ToList();
            var first = answer.Quotes.Count > 0 && FromExpected(answer.Quotes[0])
                && (c.Phrases.Count == 0 || c.Phrases.Any(p => answer.Quotes[0].Text.Contains(p, StringComparison.Ordinal)));
            var all = top3.Count > 0 && c.Phrases.All(p => top3.Any(q => q.Text.Contains(p, StringComparison.Ordinal)));
            results.Add(new EvaluationResult(c, answer, first, all));
        }

        return new EvaluationReport(results);
    }
}
