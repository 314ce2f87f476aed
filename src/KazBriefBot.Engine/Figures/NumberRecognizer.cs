namespace KazBriefBot.Engine.Figures;

/// <summary>What a recognized expression is.</summary>
public enum RecognizedKind
{
    Number,
    Currency,
    Percent,
}

/// <summary>A recognized number, amount of money or percentage; Value is null for a bare mention ("the dollar", "a small percent").</summary>
public sealed record RecognizedNumber(RecognizedKind Kind, int Start, int End, string Text, decimal? Value, string? Unit, string? Iso, ParsedNumber? Number)
{
    /// <summary>The upper end of a range ("5-10%", "$1-2bn", "between $1bn and $2bn"); Value is then the lower end.</summary>
    public decimal? High { get; init; }
}

/// <summary>
/// Recognizes numbers, money and percentages in English text with <see cref="NumberGrammar"/>:
/// money := prefix signed | signed "-"? suffix magnitude? (("and")? cents)?; percent := signed ("%" | "per cent" | "percent") | "percent of" signed.
/// </summary>
public static class NumberRecognizer
{
    private static readonly HashSet<string> PronounDeterminers = new(StringComparer.Ordinal) { "the", "this", "that", "which", "each", "every", "any", "no", "another" };

    private static readonly HashSet<string> AfterCents = new(StringComparer.Ordinal) { "and", "or", "of", "for", "in", "to", "at", "on", "a", "per", "each", "more", "less" };

    /// <summary>Every money, percent and plain number expression, non-overlapping, in text order (money and percent win over numbers).</summary>
    public static IReadOnlyList<RecognizedNumber> Recognize(string text)
    {
        var grammar = new NumberGrammar(text);
        var taken = new bool[grammar.Count];
        var result = new List<RecognizedNumber>();
        foreach (var r in Currencies(grammar).Where(r => r.Value is not null).Concat(Percentages(grammar).Where(r => r.Value is not null)).OrderBy(r => r.Start))
        {
            var tokens = TokenRange(grammar, r);
            if (tokens.Any(t => taken[t]))
            {
                continue;
            }

            foreach (var t in tokens)
            {
                taken[t] = true;
            }

            result.Add(r);
        }

        foreach (var r in Numbers(grammar))
        {
            var tokens = TokenRange(grammar, r);
            if (!tokens.Any(t => taken[t]))
            {
                result.Add(r);
            }
        }

        return Ranges(text, [.. result.OrderBy(r => r.Start)]);
    }

    /// <summary>
    /// range := money ("-" | "to" | "and") money | percent (...) percent | number "-" percent | money "-" number-with-magnitude
    /// ("$1-2bn"). The range keeps both ends; "and" only after "between".
    /// </summary>
    private static List<RecognizedNumber> Ranges(string text, List<RecognizedNumber> items)
    {
        var result = new List<RecognizedNumber>();
        for (var i = 0; i < items.Count; i++)
        {
            var a = items[i];
            if (i + 1 < items.Count && a.Value is { } low && items[i + 1] is { Value: { } high } b && Joiner(text, a, b) is { } joiner)
            {
                RecognizedNumber? range;
                try
                {
                    range = Range(text, a, b, low, high, joiner);
                }
                catch (OverflowException)
                {
                    range = null;
                }

                if (range is not null)
                {
                    result.Add(range with { Text = text[range.Start..range.End] });
                    i++;
                    continue;
                }
            }

            result.Add(a);
        }

        return result;
    }

    private static RecognizedNumber? Range(string text, RecognizedNumber a, RecognizedNumber b, decimal low, decimal high, string joiner)
    {
        if (a.Kind == b.Kind && a.Kind != RecognizedKind.Number && a.Unit == b.Unit && low < high)
        {
            return b with { Start = a.Start, Value = low, High = high };
        }

        if (a.Kind == RecognizedKind.Number && b.Kind is RecognizedKind.Percent or RecognizedKind.Currency && joiner != "and" && low < high && a.Number is { HasMagnitude: false })
        {
            // "5-10%", "2 to 3 million dollars"
            var scale = b.Number is { HasMagnitude: true } n && n.Value != 0 && b.Value is { } bv ? bv / n.Value : 1m;
            return b with { Start = a.Start, Value = low * (b.Kind == RecognizedKind.Percent ? 1m : scale), High = high };
        }

        if (a.Kind == RecognizedKind.Currency && b.Kind == RecognizedKind.Number && b.Number is { HasMagnitude: true, IsSpelledOut: false } nb && a.Number is { HasMagnitude: false } && joiner == "-")
        {
            // "$1-2bn": the magnitude after the second number applies to both
            var magnitude = nb.Value == 0 ? 1m : high / LiteralPart(text, b);
            if (low * magnitude < high)
            {
                return a with { End = b.End, Value = low * magnitude, High = high };
            }
        }

        return null;
    }

    private static decimal LiteralPart(string text, RecognizedNumber n)
    {
        var digits = new string([.. text[n.Start..n.End].TakeWhile(c => char.IsAsciiDigit(c) || c is '.' or ',')]).Replace(",", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(digits, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var v) && v != 0 ? v : 1m;
    }

    private static string? Joiner(string text, RecognizedNumber a, RecognizedNumber b)
    {
        var between = text[a.End..b.Start].Trim();
        if (text[..a.Start].TrimEnd().EndsWith("from", StringComparison.OrdinalIgnoreCase))
        {
            // "rose from $10.9bn to $11.1bn" is a change, not a range
            return null;
        }

        if (between is "-" or "–" or "to")
        {
            return between == "to" ? "to" : "-";
        }

        if (between == "and")
        {
            var before = text[..a.Start].TrimEnd();
            return before.EndsWith("between", StringComparison.OrdinalIgnoreCase) ? "and" : null;
        }

        return null;
    }

    public static IReadOnlyList<RecognizedNumber> Currencies(string text) => Currencies(new NumberGrammar(text));

    public static IReadOnlyList<RecognizedNumber> Percentages(string text) => Percentages(new NumberGrammar(text));

    public static IReadOnlyList<RecognizedNumber> Numbers(string text) => Numbers(new NumberGrammar(text));

    private static List<int> TokenRange(NumberGrammar g, RecognizedNumber r)
    {
        var range = new List<int>();
        for (var i = 0; i < g.Count && g.Tokens[i].Start < r.End; i++)
        {
            if (g.Tokens[i].Start >= r.Start)
            {
                range.Add(i);
            }
        }

        return range;
    }

    private static List<RecognizedNumber> Currencies(NumberGrammar g)
    {
        var result = new List<RecognizedNumber>();
        var skip = UrlTokens(g);
        var pos = 0;
        while (pos < g.Count)
        {
            if (skip[pos])
            {
                pos++;
                continue;
            }

            (RecognizedNumber Money, int End)? money;
            try
            {
                money = PrefixMoney(g, pos) ?? SuffixMoney(g, pos);
            }
            catch (OverflowException)
            {
                money = null;
            }

            if (money is not null)
            {
                result.Add(money.Value.Money);
                pos = money.Value.End;
                continue;
            }

            if (MatchName(g, CurrencyLexicon.BareNames, pos) is { } bare && !AttachedToWord(g, pos, bare.End))
            {
                result.Add(Make(g, RecognizedKind.Currency, pos, bare.End, null, bare.Name.Unit, bare.Name.Iso, null));
                pos = bare.End;
                continue;
            }

            pos++;
        }

        return result;
    }

    private static (RecognizedNumber Money, int End)? PrefixMoney(NumberGrammar g, int pos)
    {
        if (MatchName(g, CurrencyLexicon.Prefixes, pos) is not { } prefix)
        {
            return null;
        }

        var first = g.Tokens[pos];
        if (first.Kind == NumberTokenKind.Word && pos > 0 && g.Attached(pos) && g.Tokens[pos - 1].Kind != NumberTokenKind.Symbol)
        {
            return null;
        }

        var lastPrefix = g.Tokens[prefix.End - 1];
        if (lastPrefix.Kind == NumberTokenKind.Word && !g.IsLiteralStart(prefix.End) && !(prefix.End < g.Count && g.IsSymbolAt(prefix.End, '-')))
        {
            return null;
        }

        if (g.ParseSigned(prefix.End, lowerCaseMillion: true) is not { } amount || !EndsCleanly(g, amount))
        {
            return null;
        }

        var value = amount.Value * prefix.Name.Multiplier;
        var end = amount.EndToken;
        if (!amount.HasMagnitude && prefix.Name.Multiplier == 1m && Cents(g, end) is { } cents)
        {
            value += cents.Value / 100m;
            end = cents.End;
        }

        return (Make(g, RecognizedKind.Currency, pos, end, value, prefix.Name.Unit, prefix.Name.Iso, amount), end);
    }

    private static (RecognizedNumber Money, int End)? SuffixMoney(NumberGrammar g, int pos)
    {
        if (!StartsNumber(g, pos) || g.ParseSigned(pos, lowerCaseMillion: false) is not { } amount)
        {
            return null;
        }

        var p = amount.EndToken;
        if (g.IsSymbolAt(p, '-') && g.Attached(p) && g.Attached(p + 1))
        {
            p++;
        }

        if (MatchName(g, CurrencyLexicon.Suffixes, p) is not { } suffix)
        {
            return null;
        }

        var lastSuffix = g.Tokens[suffix.End - 1];
        if (suffix.End < g.Count && g.Attached(suffix.End) && (g.Tokens[suffix.End].Kind != NumberTokenKind.Symbol || lastSuffix.Kind == NumberTokenKind.Symbol && g.IsLiteralStart(suffix.End)))
        {
            // "1 $10": the symbol belongs to the amount after it; "USD50": the code starts the next amount.
            return null;
        }

        var value = amount.Value * suffix.Name.Multiplier;
        var end = suffix.End;
        var hasMagnitude = amount.HasMagnitude || suffix.Name.Multiplier != 1m;
        if (!hasMagnitude && end < g.Count && g.Tokens[end].Kind == NumberTokenKind.Word && g.Tokens[end].Lower is "million" or "billion" or "thousand" or "trillion")
        {
            value *= g.Tokens[end].Lower switch { "thousand" => 1e3m, "million" => 1e6m, "billion" => 1e9m, _ => 1e12m };
            end++;
            hasMagnitude = true;
        }

        if (!hasMagnitude && !suffix.Name.IsMinor && Cents(g, end) is { } cents)
        {
            value += cents.Value / 100m;
            end = cents.End;
        }

        return (Make(g, RecognizedKind.Currency, pos, end, value, suffix.Name.Unit, suffix.Name.Iso, amount), end);
    }

    /// <summary>"3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50".</summary>
    private static (decimal Value, int End)? Cents(NumberGrammar g, int pos)
    {
        if (pos >= g.Count)
        {
            return null;
        }

        var p = g.IsWordAt(pos, "and") ? pos + 1 : pos;
        if (p >= g.Count || g.Attached(p) || !StartsNumber(g, p) || g.ParseCardinal(p, false) is not { IsInteger: true, HasMagnitude: false } cents || cents.Value >= 100 || cents.Value <= 0)
        {
            return null;
        }

        var end = cents.EndToken;
        if (MatchName(g, CurrencyLexicon.Suffixes, end) is { } next)
        {
            if (!next.Name.IsMinor)
            {
                return null;
            }

            return (cents.Value, next.End);
        }

        if (end < g.Count && g.Tokens[end].Kind == NumberTokenKind.Word && !AfterCents.Contains(g.Tokens[end].Lower))
        {
            return null;
        }

        if (end < g.Count && g.Attached(end) && g.Tokens[end].Kind != NumberTokenKind.Symbol)
        {
            return null;
        }

        return (cents.Value, end);
    }

    private static List<RecognizedNumber> Percentages(NumberGrammar g)
    {
        var result = new List<RecognizedNumber>();
        var skip = UrlTokens(g);
        var pos = 0;
        while (pos < g.Count)
        {
            if (skip[pos])
            {
                pos++;
                continue;
            }

            if (StartsNumber(g, pos) && g.ParseSigned(pos, false) is { } amount && Marker(g, amount.EndToken) is { } markerEnd)
            {
                result.Add(Make(g, RecognizedKind.Percent, pos, markerEnd, amount.Value, "percent", null, amount));
                pos = markerEnd;
                continue;
            }

            if (Marker(g, pos) is { } markerEndValue)
            {
                if (g.IsWordAt(markerEndValue, "of") && StartsNumber(g, markerEndValue + 1) && g.ParseSigned(markerEndValue + 1, false) is { } of)
                {
                    result.Add(Make(g, RecognizedKind.Percent, pos, of.EndToken, of.Value, "percent", null, of));
                    pos = of.EndToken;
                    continue;
                }

                result.Add(Make(g, RecognizedKind.Percent, pos, markerEndValue, null, "percent", null, null));
                pos = markerEndValue;
                continue;
            }

            pos++;
        }

        return result;
    }

    /// <summary>percent-marker := "%" | "percent" | "percents" | "percentage" | "per cent" | "pct"; returns the token after it.</summary>
    private static int? Marker(NumberGrammar g, int pos)
    {
        if (pos >= g.Count)
        {
            return null;
        }

        var t = g.Tokens[pos];
        if (t.IsSymbol('%'))
        {
            return pos + 1;
        }

        if (t.Kind != NumberTokenKind.Word)
        {
            return null;
        }

        if (t.Lower is "percent" or "percents" or "percentage" or "pct")
        {
            return pos + 1;
        }

        return t.Lower == "per" && g.IsWordAt(pos + 1, "cent") ? pos + 2 : null;
    }

    private static List<RecognizedNumber> Numbers(NumberGrammar g)
    {
        var result = new List<RecognizedNumber>();
        var pos = 0;
        while (pos < g.Count)
        {
            if (StartsNumber(g, pos) && g.ParseSigned(pos, false) is { } parsed && EndsCleanly(g, parsed) && !IsPronounOne(g, parsed))
            {
                var n = WithFraction(g, parsed);
                result.Add(Make(g, RecognizedKind.Number, n.StartToken, n.EndToken, n.Value, null, null, n));
                pos = n.EndToken;
                continue;
            }

            if (g.Tokens[pos].Kind == NumberTokenKind.Symbol && VulgarFractions.TryGetValue(g.Tokens[pos].Text, out var vulgar))
            {
                result.Add(Make(g, RecognizedKind.Number, pos, pos + 1, vulgar, null, null, null));
            }

            pos++;
        }

        return result;
    }

    private static readonly Dictionary<string, decimal> VulgarFractions = new(StringComparer.Ordinal)
    {
        ["½"] = 0.5m, ["⅓"] = 1m / 3, ["⅔"] = 2m / 3, ["¼"] = 0.25m, ["¾"] = 0.75m, ["⅕"] = 0.2m, ["⅙"] = 1m / 6, ["⅛"] = 0.125m,
    };

    /// <summary>
    /// fraction-tail := ("over" | "out of") cardinal | "and" ("a" | cardinal) fraction-word. "2000 over 3" but not "$2000 over 3 years";
    /// "two million and three fifths" scales the fraction by the last magnitude.
    /// </summary>
    private static ParsedNumber WithFraction(NumberGrammar g, ParsedNumber n)
    {
        var p = n.EndToken;
        var over = g.IsWordAt(p, "over") ? p + 1 : g.IsWordAt(p, "out") && g.IsWordAt(p + 1, "of") ? p + 2 : -1;
        if (over > 0 && g.ParseCardinal(over, false) is { Value: > 0 } denominator && !n.IsFraction)
        {
            var endsHere = denominator.EndToken >= g.Count || g.Tokens[denominator.EndToken].Kind == NumberTokenKind.Symbol;
            if (endsHere || g.IsWordAt(p, "out"))
            {
                return n with { Value = n.Value / denominator.Value, EndToken = denominator.EndToken, IsInteger = false, IsFraction = true };
            }
        }

        if (g.IsWordAt(p, "and") && !n.IsFraction)
        {
            var q = p + 1;
            decimal numerator;
            if (g.IsWordAt(q, "a") || g.IsWordAt(q, "an"))
            {
                numerator = 1;
                q++;
            }
            else if (g.ParseCardinal(q, false) is { IsInteger: true, HasMagnitude: false, Value: > 0 and < 100 } num && num.EndToken < g.Count)
            {
                numerator = num.Value;
                q = num.EndToken;
            }
            else
            {
                return n;
            }

            if (q < g.Count && NumberGrammar.Denominator(g.Tokens[q].Lower) is { } denominator2)
            {
                var scale = 1m;
                if (n.HasMagnitude)
                {
                    foreach (var m in new[] { 1e12m, 1e9m, 1e6m, 1e3m })
                    {
                        if (n.Value % m == 0)
                        {
                            scale = m;
                            break;
                        }
                    }
                }

                return n with { Value = n.Value + (numerator / denominator2 * scale), EndToken = q + 1, IsInteger = false, IsFraction = true };
            }
        }

        return n;
    }

    /// <summary>A number may start here: not glued to a preceding word ("C5", "USD50").</summary>
    private static bool StartsNumber(NumberGrammar g, int pos)
    {
        if (pos >= g.Count)
        {
            return false;
        }

        var t = g.Tokens[pos];
        if (t.Kind == NumberTokenKind.Digits && pos > 0 && g.Attached(pos) && g.Tokens[pos - 1].Kind == NumberTokenKind.Word)
        {
            return false;
        }

        return t.Kind != NumberTokenKind.Symbol || t.Text == "-";
    }

    /// <summary>Digits must not run into letters that are not part of the number ("180ml", "4th", "1m").</summary>
    private static bool EndsCleanly(NumberGrammar g, ParsedNumber n)
    {
        var next = n.EndToken;
        if (next >= g.Count || !g.Attached(next))
        {
            return true;
        }

        var last = g.Tokens[next - 1];
        return g.Tokens[next].Kind != NumberTokenKind.Word || last.Kind == NumberTokenKind.Word;
    }

    private static bool IsPronounOne(NumberGrammar g, ParsedNumber n) =>
        n.EndToken - n.StartToken == 1 && g.Tokens[n.StartToken].Lower == "one" && n.StartToken > 0
        && PronounDeterminers.Contains(g.Tokens[n.StartToken - 1].Lower);

    private static bool AttachedToWord(NumberGrammar g, int start, int end) =>
        (start > 0 && g.Attached(start) && g.Tokens[start - 1].Kind == NumberTokenKind.Word)
        || (end < g.Count && g.Attached(end) && g.Tokens[end].Kind == NumberTokenKind.Word);

    private static (CurrencyName Name, int End)? MatchName(NumberGrammar g, IReadOnlyList<CurrencyName> names, int pos)
    {
        if (pos >= g.Count || !CurrencyLexicon.StartsName(g.Tokens[pos].Lower))
        {
            return null;
        }

        foreach (var name in names)
        {
            if (pos + name.Tokens.Count > g.Count)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < name.Tokens.Count && ok; k++)
            {
                ok = g.Tokens[pos + k].Lower == name.Tokens[k];
            }

            if (ok)
            {
                return (name, pos + name.Tokens.Count);
            }
        }

        return null;
    }

    private static bool[] UrlTokens(NumberGrammar g)
    {
        var skip = new bool[g.Count];
        var text = g.Text;
        var from = 0;
        while (true)
        {
            var at = IndexOfUrl(text, from);
            if (at < 0)
            {
                break;
            }

            var end = at;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            for (var i = 0; i < g.Count; i++)
            {
                if (g.Tokens[i].Start >= at && g.Tokens[i].Start < end)
                {
                    skip[i] = true;
                }
            }

            from = end;
        }

        return skip;
    }

    private static int IndexOfUrl(string text, int from)
    {
        var candidates = new[] { "http://", "https://", "www." }
            .Select(p => text.IndexOf(p, from, StringComparison.OrdinalIgnoreCase))
            .Where(i => i >= 0)
            .ToList();
        return candidates.Count == 0 ? -1 : candidates.Min();
    }

    private static RecognizedNumber Make(NumberGrammar g, RecognizedKind kind, int startToken, int endToken, decimal? value, string? unit, string? iso, ParsedNumber? number)
    {
        var start = g.Tokens[startToken].Start;
        var end = g.Tokens[endToken - 1].End;
        return new RecognizedNumber(kind, start, end, g.Text[start..end], value, unit, iso, number);
    }
}
