using System.Globalization;

namespace KazBriefBot.Engine.Figures;

/// <summary>A number parsed from a token range [StartToken, EndToken).</summary>
public sealed record ParsedNumber(decimal Value, int StartToken, int EndToken, bool IsInteger, bool IsSpelledOut, bool HasMagnitude, bool IsFraction);

/// <summary>
/// The grammar of English number expressions, by recursive descent over <see cref="NumberToken"/>s:
/// literal := digits ((","|"."|thin space) digits)* with Western, Indian and European grouping;
/// cardinal := (literal | word-number) ("hundred" | magnitude | "dozen")* ("and" cardinal)? ("point" digit-words)?;
/// signed := ("-" | "minus" | "negative")? cardinal. Money and percent rules build on it in <see cref="NumberRecognizer"/>.
/// </summary>
public sealed class NumberGrammar
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["nought"] = 0, ["naught"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.Ordinal)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, decimal> BigWords = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1e3m, ["million"] = 1e6m, ["billion"] = 1e9m, ["trillion"] = 1e12m, ["lakh"] = 1e5m, ["crore"] = 1e7m,
    };

    // Abbreviations that only count after a number: "$3.7bn", "10k", "10 bln", "2mil".
    private static readonly Dictionary<string, decimal> BigAbbreviations = new(StringComparer.Ordinal)
    {
        ["k"] = 1e3m, ["bn"] = 1e9m, ["bln"] = 1e9m, ["mn"] = 1e6m, ["mln"] = 1e6m, ["mil"] = 1e6m, ["mm"] = 1e6m,
        ["tn"] = 1e12m, ["trn"] = 1e12m, ["tln"] = 1e12m,
    };

    private static readonly Dictionary<string, decimal> Denominators = new(StringComparer.Ordinal)
    {
        ["half"] = 2, ["halves"] = 2, ["third"] = 3, ["thirds"] = 3, ["fourth"] = 4, ["fourths"] = 4, ["quarter"] = 4, ["quarters"] = 4,
        ["fifth"] = 5, ["fifths"] = 5, ["sixth"] = 6, ["sixths"] = 6, ["seventh"] = 7, ["sevenths"] = 7, ["eighth"] = 8, ["eighths"] = 8,
        ["ninth"] = 9, ["ninths"] = 9, ["tenth"] = 10, ["tenths"] = 10, ["hundredth"] = 100, ["hundredths"] = 100,
        ["thousandth"] = 1000, ["thousandths"] = 1000,
    };

    private static readonly HashSet<string> OrdinalSuffixes = new(StringComparer.Ordinal) { "st", "nd", "rd", "th" };

    // 15 digits (< 10^15) times the largest magnitude chain (10^12, or lakh crore 10^12) stays inside decimal's range.
    private const int MaxDigits = 15;

    private readonly Literal?[] _literals;

    public NumberGrammar(string text)
    {
        Text = text;
        Tokens = NumberTokenizer.Tokenize(text);
        _literals = new Literal?[Tokens.Count];
        ScanLiterals();
    }

    public string Text { get; }

    public IReadOnlyList<NumberToken> Tokens { get; }

    public int Count => Tokens.Count;

    /// <summary>True when token i follows token i-1 with no space between.</summary>
    public bool Attached(int i) => i > 0 && i < Tokens.Count && Tokens[i - 1].End == Tokens[i].Start;

    public bool IsWordAt(int i, string lower) => i < Tokens.Count && Tokens[i].IsWord(lower);

    public bool IsSymbolAt(int i, char c) => i < Tokens.Count && Tokens[i].IsSymbol(c);

    public bool IsLiteralStart(int i) => i < Tokens.Count && _literals[i] is not null;

    public static bool IsNumberWord(string lower) =>
        Units.ContainsKey(lower) || Teens.ContainsKey(lower) || Tens.ContainsKey(lower) || BigWords.ContainsKey(lower) || lower is "hundred" or "dozen" or "dozens";

    public static bool IsOrdinalSuffix(string lower) => OrdinalSuffixes.Contains(lower);

    /// <summary>The value of a fraction word ("third" → 3, "quarters" → 4), if it is one.</summary>
    public static decimal? Denominator(string lower) => Denominators.TryGetValue(lower, out var d) ? d : null;

    /// <summary>The text covered by tokens [start, end).</summary>
    public string Span(int start, int end) => Text[Tokens[start].Start..Tokens[end - 1].End];

    /// <summary>signed := ("-" | "minus" | "negative")? cardinal.</summary>
    public ParsedNumber? ParseSigned(int i, bool lowerCaseMillion)
    {
        if (i >= Count)
        {
            return null;
        }

        var t = Tokens[i];
        var isMinusWord = t.Kind == NumberTokenKind.Word && t.Lower is "minus" or "negative";
        var isMinusSign = t.IsSymbol('-') && (i == 0 || !Attached(i) || Tokens[i - 1].Kind == NumberTokenKind.Symbol) && IsLiteralStart(i + 1);
        if (isMinusWord || isMinusSign)
        {
            var inner = ParseCardinal(i + 1, lowerCaseMillion);
            if (inner is not null)
            {
                return inner with { Value = -inner.Value, StartToken = i };
            }

            return null;
        }

        return ParseCardinal(i, lowerCaseMillion);
    }

    /// <summary>cardinal, or null when the words compose to a value beyond decimal's range ("999 hundred trillion trillion").</summary>
    public ParsedNumber? ParseCardinal(int i, bool lowerCaseMillion)
    {
        try
        {
            return ParseCardinalUnchecked(i, lowerCaseMillion);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// cardinal: a state machine over atoms (literals and number words) keeping total (closed by thousand/million/...),
    /// hundreds (closed by "hundred") and tail (&lt; 100, or a literal). A rank can only be followed by a lower one.
    /// </summary>
    private ParsedNumber? ParseCardinalUnchecked(int i, bool lowerCaseMillion)
    {
        decimal total = 0, hundreds = 0, tail = 0;
        var tailKind = Slot.None;
        var lastBig = decimal.MaxValue;
        var consumed = false;
        var pendingA = false;
        var spelled = false;
        var hasMagnitude = false;
        var isInteger = true;
        var isFraction = false;
        var afterAnd = false;
        var end = i;
        var pos = i;
        while (pos < Count)
        {
            var t = Tokens[pos];
            if (_literals[pos] is { } lit)
            {
                var literalAllowed = !consumed || (afterAnd && tailKind == Slot.None) || (tailKind == Slot.None && hundreds == 0 && lastBig != decimal.MaxValue);
                if (!literalAllowed)
                {
                    break;
                }

                if (consumed && Attached(pos))
                {
                    break;
                }

                // digits fraction "3/4", "1 4/5"
                if (TryDigitFraction(pos, out var fraction, out var afterFraction))
                {
                    tail += fraction;
                    tailKind = Slot.Literal;
                    isInteger = false;
                    isFraction = true;
                    pos = end = afterFraction;
                    consumed = true;
                    afterAnd = false;
                    continue;
                }

                tail = lit.Value;
                isInteger &= lit.IsInteger;
                tailKind = Slot.Literal;
                pos = end = lit.End;
                consumed = true;
                afterAnd = false;
                if (TryPower(pos, tail, out var powered, out var afterPower))
                {
                    tail = powered;
                    isInteger = false;
                    pos = end = afterPower;
                    break;
                }

                // "2  1/4": a whole number followed by a digits fraction
                if (TryDigitFraction(pos, out var mixed, out var afterMixed) && !Attached(pos))
                {
                    tail += mixed;
                    isInteger = false;
                    isFraction = true;
                    pos = end = afterMixed;
                }

                continue;
            }

            if (t.Kind == NumberTokenKind.Symbol)
            {
                // "fifty-two", "fifty - two"
                if (t.Text == "-" && tailKind == Slot.Tens && pos + 1 < Count && Units.TryGetValue(Tokens[pos + 1].Lower, out var u) && u > 0)
                {
                    pos++;
                    continue;
                }

                // "one-eighth", "five - eighths"
                if (t.Text == "-" && tailKind is Slot.Unit or Slot.Tens && spelled && pos + 1 < Count && Denominators.ContainsKey(Tokens[pos + 1].Lower) && Tokens[pos + 1].Lower is not "half")
                {
                    pos++;
                    continue;
                }

                break;
            }

            if (t.Kind != NumberTokenKind.Word)
            {
                break;
            }

            var w = t.Lower;
            if (consumed && Attached(pos) && tailKind == Slot.Literal)
            {
                // only magnitude abbreviations may touch digits: "10k", "$3.7bn", "1.2b", "10M"
                var attachedMagnitude = AbbreviationValue(t, attached: true, lowerCaseMillion);
                if (attachedMagnitude is null || hasMagnitude || hundreds != 0)
                {
                    break;
                }

                total += tail * attachedMagnitude.Value;
                tail = 0;
                tailKind = Slot.None;
                hasMagnitude = true;
                lastBig = attachedMagnitude.Value;
                pos = end = pos + 1;
                break;
            }

            if (Units.TryGetValue(w, out var unit))
            {
                if (tailKind == Slot.Tens && unit > 0)
                {
                    tail += unit;
                    tailKind = Slot.Unit;
                }
                else if (tailKind == Slot.None && !(pendingA && !consumed))
                {
                    tail = unit;
                    tailKind = Slot.Unit;
                }
                else
                {
                    break;
                }

                spelled = true;
                consumed = true;
                afterAnd = false;
                pos = end = pos + 1;
                continue;
            }

            if (Teens.TryGetValue(w, out var teen) || Tens.TryGetValue(w, out teen))
            {
                if (tailKind != Slot.None || (pendingA && !consumed))
                {
                    break;
                }

                tail = teen;
                tailKind = teen >= 20 ? Slot.Tens : Slot.Unit;
                spelled = true;
                consumed = true;
                afterAnd = false;
                pos = end = pos + 1;
                continue;
            }

            if (w == "hundred" || w == "hundreds")
            {
                if (hundreds != 0 || !(consumed || pendingA) || (consumed && tailKind == Slot.None))
                {
                    break;
                }

                hundreds = (tailKind == Slot.None ? 1 : tail) * 100;
                tail = 0;
                tailKind = Slot.None;
                spelled = true;
                consumed = true;
                pendingA = false;
                afterAnd = false;
                pos = end = pos + 1;
                continue;
            }

            var big = BigWords.TryGetValue(w, out var bigWord) ? bigWord : consumed ? AbbreviationValue(t, attached: false, lowerCaseMillion) : null;
            if (big is { } magnitude)
            {
                var local = hundreds + tail;
                if (local == 0 && !pendingA)
                {
                    if (consumed && tailKind == Slot.None && hundreds == 0 && magnitude > lastBig && total != 0)
                    {
                        // "three lakh crore"
                        total *= magnitude;
                        lastBig = magnitude;
                        pos = end = pos + 1;
                        continue;
                    }

                    break;
                }

                if (magnitude >= lastBig)
                {
                    break;
                }

                total += (local == 0 ? 1 : local) * magnitude;
                hundreds = 0;
                tail = 0;
                tailKind = Slot.None;
                lastBig = magnitude;
                hasMagnitude = true;
                consumed = true;
                pendingA = false;
                afterAnd = false;
                pos = end = pos + 1;
                continue;
            }

            if (w is "dozen" or "dozens" or "dz" or "dzs" or "doz" or "dozs")
            {
                if (!(consumed || pendingA) || (consumed && tailKind == Slot.None && !pendingA))
                {
                    break;
                }

                tail = (tailKind == Slot.None ? 1 : tail) * 12;
                tailKind = Slot.Literal;
                spelled = true;
                consumed = true;
                pendingA = false;
                afterAnd = false;
                pos = end = pos + 1;
                continue;
            }

            if (w == "a" && pos + 1 < Count && !pendingA)
            {
                var next = Tokens[pos + 1].Lower;
                var startsGroup = next is "hundred" or "dozen" or "quarter" or "half" || BigWords.ContainsKey(next);
                if (startsGroup && (!consumed || afterAnd || (tailKind == Slot.Fraction && next is "dozen")))
                {
                    pendingA = true;
                    pos++;
                    continue;
                }

                break;
            }

            if (w is "half" or "quarter" or "quarters")
            {
                // "half", "a quarter million", "three quarters billion", "one and a half", "half a dozen"
                var share = w == "half" ? 0.5m : 0.25m;
                if (w == "quarters")
                {
                    if (!(consumed && tailKind == Slot.Unit))
                    {
                        break;
                    }

                    tail *= 0.25m;
                }
                else if (afterAnd)
                {
                    if (tailKind == Slot.None && lastBig != decimal.MaxValue && hundreds == 0)
                    {
                        total += share * lastBig;
                    }
                    else
                    {
                        tail += share;
                    }

                    pendingA = false;
                    isInteger = false;
                    isFraction = true;
                    spelled = true;
                    pos = end = pos + 1;
                    afterAnd = false;
                    break;
                }
                else if (!consumed)
                {
                    tail = share;
                }
                else
                {
                    break;
                }

                tailKind = Slot.Fraction;
                isInteger = false;
                isFraction = true;
                spelled = true;
                consumed = true;
                pendingA = false;
                pos = end = pos + 1;
                continue;
            }

            if (w == "and" && consumed && !afterAnd && pos + 1 < Count)
            {
                var next = Tokens[pos + 1];
                var closesGroup = tailKind == Slot.None && (hundreds != 0 || lastBig != decimal.MaxValue);
                var followedByFraction = next.Lower == "a" && pos + 2 < Count && Tokens[pos + 2].Lower is "half" or "quarter";
                if ((closesGroup && (IsLiteralStart(pos + 1) || IsNumberWord(next.Lower))) || followedByFraction)
                {
                    afterAnd = true;
                    pos++;
                    continue;
                }

                break;
            }

            if (w == "point" && consumed && isInteger && !hasMagnitude && tailKind != Slot.Fraction)
            {
                var (fractionDigits, after) = ReadDecimalWords(pos + 1);
                if (fractionDigits.Length > 0)
                {
                    var whole = total + hundreds + tail;
                    var value = decimal.Parse(whole.ToString(CultureInfo.InvariantCulture) + "." + fractionDigits, CultureInfo.InvariantCulture);
                    total = value;
                    hundreds = 0;
                    tail = 0;
                    isInteger = false;
                    pos = end = after;
                    break;
                }
            }

            // word fractions: "two thirds", "one eighth", "a fifth"
            if (Denominators.TryGetValue(w, out var denominator) && w is not "half" && (tailKind is Slot.Unit or Slot.Tens || (pendingA && !consumed)) && spelled && hundreds == 0 && total == 0 && !hasMagnitude)
            {
                var numerator = pendingA && !consumed ? 1 : tail;
                var plural = w.EndsWith('s');
                if (plural == (numerator > 1) || (!plural && numerator == 1))
                {
                    tail = numerator / denominator;
                    tailKind = Slot.Fraction;
                    isInteger = false;
                    isFraction = true;
                    consumed = true;
                    pendingA = false;
                    pos = end = pos + 1;
                    continue;
                }
            }

            break;
        }

        if (!consumed || end == i)
        {
            return null;
        }

        var startToken = i;
        return new ParsedNumber(total + hundreds + tail, startToken, end, isInteger && !isFraction, spelled, hasMagnitude, isFraction);
    }

    private decimal? AbbreviationValue(NumberToken t, bool attached, bool lowerCaseMillion)
    {
        if (BigAbbreviations.TryGetValue(t.Lower, out var v))
        {
            return v;
        }

        return t.Text switch
        {
            "b" when attached => 1e9m,
            "M" => 1e6m,
            "m" when lowerCaseMillion => 1e6m,
            "G" => 1e9m,
            _ => null,
        };
    }

    private (string Digits, int After) ReadDecimalWords(int pos)
    {
        var digits = string.Empty;
        while (pos < Count && Tokens[pos].Kind == NumberTokenKind.Word)
        {
            var w = Tokens[pos].Lower;
            if (Units.TryGetValue(w, out var u))
            {
                digits += u.ToString(CultureInfo.InvariantCulture);
                pos++;
            }
            else if (Teens.TryGetValue(w, out var teen))
            {
                digits += teen.ToString(CultureInfo.InvariantCulture);
                pos++;
            }
            else if (Tens.TryGetValue(w, out var tens))
            {
                pos++;
                var unit = 0;
                var after = pos;
                if (after < Count && Tokens[after].IsSymbol('-'))
                {
                    after++;
                }

                if (after < Count && Units.TryGetValue(Tokens[after].Lower, out unit) && unit > 0)
                {
                    pos = after + 1;
                }

                digits += (tens + unit).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                break;
            }
        }

        return (digits, pos);
    }

    private bool TryDigitFraction(int pos, out decimal value, out int after)
    {
        value = 0;
        after = pos;
        if (pos >= Count || _literals[pos] is not { IsInteger: true } numerator || numerator.End != pos + 1 || numerator.Text.Length > 2)
        {
            return false;
        }

        if (pos + 2 >= Count || !Tokens[pos + 1].IsSymbol('/') || !Attached(pos + 1) || !Attached(pos + 2) || _literals[pos + 2] is not { IsInteger: true } denominator)
        {
            return false;
        }

        if (denominator.Text.Length > 2 || denominator.Value == 0 || (pos > 0 && Tokens[pos - 1].IsSymbol('/') && Attached(pos)) || (IsSymbolAt(denominator.End, '/') && Attached(denominator.End)))
        {
            return false;
        }

        value = numerator.Value / denominator.Value;
        after = denominator.End;
        return true;
    }

    private bool TryPower(int pos, decimal mantissa, out decimal value, out int after)
    {
        value = 0;
        after = pos;
        if (pos >= Count || !Attached(pos))
        {
            return false;
        }

        var t = Tokens[pos];
        var isE = t.Kind == NumberTokenKind.Word && t.Lower == "e";
        var isCaret = t.IsSymbol('^');
        if (!isE && !isCaret)
        {
            return false;
        }

        var p = pos + 1;
        var negative = false;
        while (p < Count && Attached(p) && Tokens[p].Kind == NumberTokenKind.Symbol && Tokens[p].Text is "+" or "-")
        {
            negative ^= Tokens[p].Text == "-";
            p++;
        }

        if (p >= Count || !Attached(p) || _literals[p] is not { IsInteger: true } exponent || exponent.Value > 40)
        {
            return false;
        }

        var e = (double)exponent.Value * (negative ? -1 : 1);
        var result = isE ? (double)mantissa * Math.Pow(10, e) : Math.Pow((double)mantissa, e);
        if (double.IsInfinity(result) || double.IsNaN(result) || Math.Abs(result) > 7.9e27)
        {
            return false;
        }

        value = (decimal)result;
        after = exponent.End;
        return true;
    }

    /// <summary>Literal runs: digit groups joined by "," "." or a single thin space, read once from left to right.</summary>
    private void ScanLiterals()
    {
        var i = 0;
        while (i < Count)
        {
            if (Tokens[i].Kind != NumberTokenKind.Digits)
            {
                i++;
                continue;
            }

            var groups = new List<int> { i };
            var seps = new List<char>();
            var j = i;
            while (true)
            {
                if (j + 2 < Count && Tokens[j + 1].Kind == NumberTokenKind.Symbol && Tokens[j + 1].Text is "," or "." && Attached(j + 1)
                    && Tokens[j + 2].Kind == NumberTokenKind.Digits && Attached(j + 2))
                {
                    seps.Add(Tokens[j + 1].Text[0]);
                    groups.Add(j + 2);
                    j += 2;
                    continue;
                }

                if (j + 1 < Count && Tokens[j + 1].Kind == NumberTokenKind.Digits && Tokens[j + 1].Start - Tokens[j].End == 1
                    && Tokens[j + 1].Text.Length == 3 && Tokens[groups[0]].Text.Length <= 3 && seps.All(s => s == ' '))
                {
                    seps.Add(' ');
                    groups.Add(j + 1);
                    j += 1;
                    continue;
                }

                break;
            }

            var texts = groups.Select(g => Tokens[g].Text).ToList();
            if (texts.Any(t => t.Length > MaxDigits) || texts.Sum(t => t.Length) > MaxDigits + 6)
            {
                // too long to be an amount (ids, phone numbers); not a number, and no risk of decimal overflow downstream
                i = groups[^1] + 1;
                continue;
            }

            if (Interpret(texts, seps) is { } value)
            {
                var end = groups[^1] + 1;
                _literals[i] = new Literal(value.Value, end, value.IsInteger, Text[Tokens[i].Start..Tokens[end - 1].End]);
            }
            else
            {
                foreach (var g in groups)
                {
                    _literals[g] = new Literal(decimal.Parse(Tokens[g].Text, CultureInfo.InvariantCulture), g + 1, true, Tokens[g].Text);
                }
            }

            i = groups[^1] + 1;
        }
    }

    private static (decimal Value, bool IsInteger)? Interpret(List<string> g, List<char> seps)
    {
        if (seps.Count == 0)
        {
            return (Parse(g[0]), true);
        }

        if (seps.All(s => s == ' '))
        {
            return (Parse(string.Concat(g)), true);
        }

        if (seps[^1] == '.' && seps.Take(seps.Count - 1).All(s => s == ' '))
        {
            return (Parse(string.Concat(g.Take(g.Count - 1)) + "." + g[^1]), false);
        }

        var last = seps[^1];
        var rest = seps.Take(seps.Count - 1).ToList();
        if (seps.All(s => s == ','))
        {
            if (IsWestern(g) || IsIndian(g))
            {
                return (Parse(string.Concat(g)), true);
            }

            return seps.Count == 1 && g[1].Length != 3 ? (Parse(g[0] + "." + g[1]), false) : null;
        }

        if (seps.All(s => s == '.'))
        {
            if (seps.Count == 1)
            {
                return (Parse(g[0] + "." + g[1]), false);
            }

            return IsWestern(g) ? (Parse(string.Concat(g)), true) : null;
        }

        var whole = g.Take(g.Count - 1).ToList();
        if (last == '.' && rest.All(s => s == ',') && (IsWestern(whole) || IsIndian(whole)))
        {
            return (Parse(string.Concat(whole) + "." + g[^1]), false);
        }

        if (last == ',' && rest.All(s => s == '.') && IsWestern(whole))
        {
            return (Parse(string.Concat(whole) + "." + g[^1]), false);
        }

        return null;
    }

    private static bool IsWestern(List<string> g) => g.Count > 1 && g[0].Length <= 3 && g.Skip(1).All(x => x.Length == 3);

    private static bool IsIndian(List<string> g) =>
        g.Count >= 3 && g[0].Length <= 2 && g.Skip(1).Take(g.Count - 2).All(x => x.Length == 2) && g[^1].Length == 3;

    private static decimal Parse(string s) => decimal.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private enum Slot
    {
        None,
        Unit,
        Tens,
        Literal,
        Fraction,
    }

    private sealed record Literal(decimal Value, int End, bool IsInteger, string Text);
}
