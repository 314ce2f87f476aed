using System.Globalization;

namespace KazBriefBot.Engine.Figures;

/// <summary>The lexical classes the number grammar works on.</summary>
public enum NumberTokenKind
{
    /// <summary>A run of ASCII digits.</summary>
    Digits,

    /// <summary>A run of letters (and combining marks), lower-cased in <see cref="NumberToken.Lower"/>.</summary>
    Word,

    /// <summary>Any other single non-space character: currency symbols, %, punctuation.</summary>
    Symbol,
}

/// <summary>One token of the number grammar with its exact span in the source text.</summary>
public readonly record struct NumberToken(NumberTokenKind Kind, int Start, int End, string Text)
{
    public string Lower { get; } = Text.ToLowerInvariant();

    public bool IsWord(string lower) => Kind == NumberTokenKind.Word && Lower == lower;

    public bool IsSymbol(char c) => Kind == NumberTokenKind.Symbol && Text[0] == c;
}

/// <summary>Splits text into digit runs, letter runs and single symbols; whitespace only separates tokens.</summary>
public static class NumberTokenizer
{
    public static IReadOnlyList<NumberToken> Tokenize(string text)
    {
        var tokens = new List<NumberToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new NumberToken(NumberTokenKind.Digits, start, i, text[start..i]));
            }
            else if (IsWordChar(c))
            {
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new NumberToken(NumberTokenKind.Word, start, i, text[start..i]));
            }
            else
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
                tokens.Add(new NumberToken(NumberTokenKind.Symbol, start, i, text[start..i]));
            }
        }

        return tokens;
    }

    private static bool IsWordChar(char c)
    {
        if (char.IsLetter(c))
        {
            return true;
        }

        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}
