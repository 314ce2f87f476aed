using System.Globalization;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// A time expression in a sentence: its span, a normalized label ("2022", "first half of 2023", "since 1991"),
/// whether it is relative and could not be resolved (undated article), and whether it is a comparison base ("compared to 2021").
/// </summary>
public sealed record PeriodMention(int Start, int End, string Label, bool Unresolved, bool IsBase, bool IsDate);

/// <summary>Finds years, parts of years, month ranges, dates and relative periods; relative ones are resolved against the article's date.</summary>
public static class PeriodRecognizer
{
    public const string UndatedMark = " (article undated)";

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4, ["may"] = 5,
        ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sept"] = 9, ["sep"] = 9,
        ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };

    private static readonly HashSet<string> Ordinals = new(StringComparer.Ordinal) { "first", "second", "third", "fourth", "last" };

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    public static IReadOnlyList<PeriodMention> Find(string text, DateOnly? articleDate)
    {
        var tokens = NumberTokenizer.Tokenize(text);
        var matcher = new Matcher(tokens, articleDate);
        var result = new List<PeriodMention>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (matcher.Match(i) is { } m)
            {
                var (start, label) = matcher.WithPrefix(i, m.Label);
                var isBase = m.IsBase || matcher.IsComparisonBase(start);
                result.Add(new PeriodMention(tokens[start].Start, tokens[m.End - 1].End, label + (m.Unresolved ? UndatedMark : string.Empty), m.Unresolved, isBase, m.IsDate));
                i = m.End;
                continue;
            }

            i++;
        }

        return result;
    }

    /// <summary>True when the value is a plausible calendar year written as four digits.</summary>
    public static bool IsYear(string digits) =>
        digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100;

    private sealed record Match(int End, string Label, bool Unresolved, bool IsBase = false, bool IsDate = false);

    private sealed class Matcher(IReadOnlyList<NumberToken> t, DateOnly? date)
    {
        public Match? Match(int i) =>
            FiscalYear(i) ?? PartOfYear(i) ?? FirstMonths(i) ?? MonthRange(i) ?? DayMonth(i) ?? MonthYear(i) ?? YearRange(i) ?? Year(i) ?? BareMonth(i)
            ?? Span(i) ?? Relative(i);

        /// <summary>"since 1991", "since December 1991" keep their preposition in the label.</summary>
        public (int Start, string Label) WithPrefix(int i, string label)
        {
            if (i > 0 && t[i - 1].Lower == "since")
            {
                return (i - 1, "since " + label);
            }

            if (i > 1 && t[i - 1].Lower == "the" && t[i - 2].Lower == "since")
            {
                return (i - 2, "since " + label);
            }

            return (i, label);
        }

        public bool IsComparisonBase(int start)
        {
            for (var k = start - 1; k >= Math.Max(0, start - 4); k--)
            {
                var w = t[k].Lower;
                // "compared to 2021", "the same period of 2003"
                if (w is "compared" or "than" or "versus" or "vs" or "against" or "earlier" or "same")
                {
                    return true;
                }

                // "up 27% from its 2003 performance", "from 2003 levels": the year changed from
                if (w == "from" && (k == start - 1 || (k == start - 2 && t[k + 1].Lower is "its" or "their" or "the")))
                {
                    return true;
                }

                if (t[k].Kind == NumberTokenKind.Symbol && t[k].Text is "," or ";" or "(")
                {
                    return false;
                }
            }

            return false;
        }

        // [the] first|second|last half|quarter [of] YEARREF
        private Match? PartOfYear(int i)
        {
            var p = Skip(i, "the");
            if (!At(p, out var ord) || !Ordinals.Contains(ord) || !At(p + 1, out var part) || part is not ("half" or "quarter"))
            {
                return null;
            }

            var q = Skip(Skip(p + 2, "of"), "the");
            if (YearRef(q) is not { } year)
            {
                // "in the third quarter": of the year the article speaks from (the last such quarter already over)
                if (p == i || ord == "last" || (At(p + 2, out var next) && next == "of"))
                {
                    // "the second half of the match" is no period
                    return null;
                }

                var number = ord switch { "first" => 1, "second" => 2, "third" => 3, _ => 4 };
                var months = part == "half" ? number * 6 : number * 3;
                return date is { } d
                    ? new Match(p + 2, $"{ord} {part} of {(d.Month > months ? d.Year : d.Year - 1).ToString(CultureInfo.InvariantCulture)}", false)
                    : new Match(p + 2, $"{ord} {part} of this year", true);
            }

            return new Match(year.End, $"{ord} {part} of {year.Label}", year.Unresolved);
        }

        // "the year to March 2005", "the year ending June 2004": a fiscal year across two calendar years
        private Match? FiscalYear(int i)
        {
            if (!At(i, out var w) || w != "year" || !At(i + 1, out var to) || to is not ("to" or "ending" or "ended")
                || MonthAt(i + 2) is not { } month || YearDigits(Skip(month.End, "of")) is not { } year || month.Month == 12)
            {
                return null;
            }

            var end = int.Parse(year.Label, CultureInfo.InvariantCulture);
            return new Match(year.End, $"{(end - 1).ToString(CultureInfo.InvariantCulture)}–{year.Label}", false);
        }

        // "in January", "for December": the last such month at the article's date
        private Match? BareMonth(int i)
        {
            if (i == 0 || t[i - 1].Lower is not ("in" or "for" or "during" or "since" or "last") || MonthAt(i) is not { } month)
            {
                return null;
            }

            var name = MonthNames[month.Month - 1];
            return date is { } d
                ? new Match(month.End, $"{name} {(month.Month <= d.Month ? d.Year : d.Year - 1).ToString(CultureInfo.InvariantCulture)}", false)
                : new Match(month.End, name, true);
        }

        // "the next five years", "over the past three months": a span from the article's day
        private Match? Span(int i)
        {
            var p = Skip(i, "the");
            if (!At(p, out var w) || w is not ("next" or "past" or "last" or "coming") || p + 2 >= t.Count
                || t[p + 2].Lower is not ("years" or "months" or "weeks" or "decades" or "quarters"))
            {
                return null;
            }

            var count = t[p + 1];
            if (!(count.Kind == NumberTokenKind.Digits || count.Kind == NumberTokenKind.Word && NumberGrammar.IsNumberWord(count.Lower)))
            {
                return null;
            }

            return new Match(p + 3, $"{w} {count.Text} {t[p + 2].Lower}", date is null);
        }

        // first three quarters | first six/nine months [of] YEARREF
        private Match? FirstMonths(int i)
        {
            var p = Skip(i, "the");
            if (!At(p, out var first) || first is not ("first" or "last") || !At(p + 1, out var count) || !At(p + 2, out var unit))
            {
                return null;
            }

            // "the last three months of 2004" is its fourth quarter
            var label = (first, count, unit) switch
            {
                ("first", "three", "quarters") or ("first", "nine", "months") or ("first", "9", "months") => "first three quarters",
                ("first", "two", "quarters") or ("first", "six", "months") or ("first", "6", "months") => "first half",
                ("first", "three", "months") or ("first", "3", "months") => "first quarter",
                ("last", "two", "quarters") or ("last", "six", "months") or ("last", "6", "months") => "second half",
                ("last", "three", "months") or ("last", "3", "months") => "fourth quarter",
                _ => null,
            };
            if (label is null)
            {
                return null;
            }

            var q = Skip(Skip(p + 3, "of"), "the");
            if (YearRef(q) is not { } year)
            {
                return null;
            }

            return new Match(year.End, $"{label} of {year.Label}", year.Unresolved);
        }

        // January-June [of] [YEAR]
        private Match? MonthRange(int i)
        {
            if (MonthAt(i) is not { } from)
            {
                return null;
            }

            var p = from.End;
            if (p < t.Count && (t[p].Text is "-" or "–" or "—" || t[p].Lower is "to" or "through"))
            {
                p++;
            }
            else
            {
                return null;
            }

            if (MonthAt(p) is not { } to || to.Month <= from.Month)
            {
                return null;
            }

            var year = YearRef(Skip(to.End, "of"));
            var yearLabel = year?.Label ?? "year unstated";
            var label = (from.Month, to.Month) switch
            {
                (1, 6) => $"first half of {yearLabel}",
                (7, 12) => $"second half of {yearLabel}",
                (1, 9) => $"first three quarters of {yearLabel}",
                (1, 3) => $"first quarter of {yearLabel}",
                _ => $"{MonthNames[from.Month - 1]}–{MonthNames[to.Month - 1]} {yearLabel}",
            };
            return new Match(year?.End ?? to.End, label, year?.Unresolved ?? false);
        }

        // Sept. 17 [, 2023] | 17 September [2023]
        private Match? DayMonth(int i)
        {
            if (MonthAt(i) is { } month && Day(month.End) is { } day)
            {
                var end = day.End;
                var q = end < t.Count && t[end].Text == "," ? end + 1 : end;
                var year = YearDigits(q);
                return new Match(year?.End ?? end, $"{day.Value} {MonthNames[month.Month - 1]}{(year is null ? string.Empty : " " + year.Value.Label)}", false, IsDate: true);
            }

            if (Day(i) is { } d && MonthAt(d.End) is { } m)
            {
                var year = YearDigits(m.End);
                return new Match(year?.End ?? m.End, $"{d.Value} {MonthNames[m.Month - 1]}{(year is null ? string.Empty : " " + year.Value.Label)}", false, IsDate: true);
            }

            return null;
        }

        // December 1991
        private Match? MonthYear(int i)
        {
            if (MonthAt(i) is not { } month || YearDigits(Skip(month.End, "of")) is not { } year)
            {
                return null;
            }

            return new Match(year.End, $"{MonthNames[month.Month - 1]} {year.Label}", false);
        }

        // 2020-2022 | 2020 to 2022 | 2004/05
        private Match? YearRange(int i)
        {
            if (YearDigits(i) is not { } from || from.End >= t.Count)
            {
                return null;
            }

            var sep = t[from.End];
            var isRangeWord = sep.Lower is "to" or "and" && i > 0 && t[i - 1].Lower is "from" or "between";
            if (!(sep.Text is "-" or "–" or "—" or "/" || isRangeWord))
            {
                return null;
            }

            if (YearDigits(from.End + 1) is not { } to || string.CompareOrdinal(to.Label, from.Label) <= 0)
            {
                if (sep.Text is "/" or "-" && from.End + 1 < t.Count && t[from.End + 1].Kind == NumberTokenKind.Digits && t[from.End + 1].Text.Length == 2
                    && t[from.End + 1].Start == sep.End && sep.Start == t[from.End - 1].End)
                {
                    return new Match(from.End + 2, $"{from.Label}/{t[from.End + 1].Text}", false);
                }

                return null;
            }

            return new Match(to.End, $"{from.Label}–{to.Label}", false);
        }

        private Match? Year(int i) => YearDigits(i) is { } y ? new Match(y.End, y.Label, false) : null;

        // last/this/next year, by the year-end, in the near future, a year earlier
        private Match? Relative(int i)
        {
            if (t[i].Kind == NumberTokenKind.Word && YearRef(i) is { } y)
            {
                return new Match(y.End, y.Label, y.Unresolved);
            }

            var p = Skip(i, "the");
            if (!At(p, out var w))
            {
                return null;
            }

            if (w == "yearend")
            {
                return EndOfYear(p + 1);
            }

            if (w == "year" && At(p + 1, out var dash) && dash == "-" && At(p + 2, out var endWord) && endWord == "end")
            {
                return EndOfYear(p + 3);
            }

            if (w == "end" && At(p + 1, out var of) && of == "of")
            {
                var q = Skip(p + 2, "the");
                if (At(q, out var year) && year == "year")
                {
                    return EndOfYear(q + 1);
                }

                if (YearRef(q) is { } yr)
                {
                    return new Match(yr.End, "end of " + yr.Label, yr.Unresolved);
                }
            }

            if (w is "last" or "this" or "next" && At(p + 1, out var monthWord) && monthWord == "month" && p == i)
            {
                // "last month": the month before the article's, or as written when the article has no date
                if (date is not { } d)
                {
                    return new Match(p + 2, w + " month", true);
                }

                var m = d.AddMonths(w switch { "last" => -1, "next" => 1, _ => 0 });
                return new Match(p + 2, $"{MonthNames[m.Month - 1]} {m.Year.ToString(CultureInfo.InvariantCulture)}", false);
            }

            if (w is "near" or "nearest" && At(p + 1, out var future) && future == "future")
            {
                return new Match(p + 2, "near future", false);
            }

            // "a year earlier", "year-earlier": the comparison base of a change
            if (w == "a" && At(p + 1, out var y1) && y1 == "year" && At(p + 2, out var e1) && e1 == "earlier")
            {
                return new Match(p + 3, "previous year", false, IsBase: true);
            }

            if (w == "year" && At(p + 1, out var d1) && d1 == "-" && At(p + 2, out var e2) && e2 == "earlier")
            {
                return new Match(p + 3, "previous year", false, IsBase: true);
            }

            return null;
        }

        private Match EndOfYear(int end) =>
            date is { } d ? new Match(end, $"end of {d.Year}", false) : new Match(end, "end of this year", true);

        private (int End, string Label, bool Unresolved)? YearRef(int i)
        {
            if (YearDigits(i) is { } y)
            {
                return (y.End, y.Label, false);
            }

            if (!At(i, out var w) || w is not ("this" or "last" or "next" or "past" or "previous") || !At(i + 1, out var year) || year != "year")
            {
                return null;
            }

            var offset = w switch { "this" => 0, "next" => 1, _ => -1 };
            return date is { } d
                ? (i + 2, (d.Year + offset).ToString(CultureInfo.InvariantCulture), false)
                : (i + 2, $"{w} year", true);
        }

        private (int End, string Label)? YearDigits(int i)
        {
            if (i >= t.Count || t[i].Kind != NumberTokenKind.Digits || !IsYear(t[i].Text))
            {
                return null;
            }

            // not part of a bigger number ("2,015", "2015.5", "$2015") nor glued to letters ("COVID2020")
            if ((i > 0 && t[i].Start == t[i - 1].End && (t[i - 1].Text is "," or "." or "$" or "£" or "€" || t[i - 1].Kind == NumberTokenKind.Word))
                || (i + 2 < t.Count && t[i + 1].Start == t[i].End && t[i + 1].Text is "," or "." && t[i + 2].Kind == NumberTokenKind.Digits && t[i + 2].Start == t[i + 1].End)
                || (i + 1 < t.Count && t[i + 1].Start == t[i].End && t[i + 1].Kind == NumberTokenKind.Word))
            {
                return null;
            }

            // a year-like number followed by a counted noun is a quantity: "2000 jobs", "1999 dollars"
            if (i + 1 < t.Count && t[i + 1].Kind == NumberTokenKind.Word && t[i + 1].Lower is "jobs" or "people" or "companies" or "dollars" or "euros" or "pounds" or "shares" or "workers" or "staff" or "tonnes" or "units" or "cars" or "homes")
            {
                return null;
            }

            return (i + 1, t[i].Text);
        }

        private (int End, int Month)? MonthAt(int i)
        {
            if (i >= t.Count || t[i].Kind != NumberTokenKind.Word || !Months.TryGetValue(t[i].Lower, out var m))
            {
                return null;
            }

            // "may", "march" and short forms are ordinary words too: a month is capitalised
            if (!char.IsUpper(t[i].Text[0]))
            {
                return null;
            }

            var end = i + 1;
            if (end < t.Count && t[end].Text == "." && t[end].Start == t[end - 1].End && t[i].Lower.Length <= 4)
            {
                end++;
            }

            return (end, m);
        }

        private (int End, int Value)? Day(int i)
        {
            if (i >= t.Count || t[i].Kind != NumberTokenKind.Digits || t[i].Text.Length > 2 || !int.TryParse(t[i].Text, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 31)
            {
                return null;
            }

            var end = i + 1;
            if (end < t.Count && t[end].Start == t[i].End && t[end].Kind == NumberTokenKind.Word && NumberGrammar.IsOrdinalSuffix(t[end].Lower))
            {
                end++;
            }

            return (end, d);
        }

        private bool At(int i, out string lower)
        {
            lower = i < t.Count ? t[i].Lower : string.Empty;
            return i < t.Count;
        }

        private int Skip(int i, string word) => i < t.Count && t[i].Lower == word ? i + 1 : i;
    }
}
