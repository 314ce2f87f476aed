using System.Globalization;
using System.Text;

namespace KazBriefBot.Engine.Text;

/// <summary>Folds characters for matching: lower case, diacritics removed, Cyrillic look-alikes of Latin letters mapped to Latin.</summary>
public static class TextFolding
{
    // Lazily filled fold table for the BMP: 0 = not computed yet. Races only recompute the same value.
    private static readonly char[] FoldTable = new char[char.MaxValue + 1];

    /// <summary>Cyrillic letters that look like Latin ones, folded to the Latin letter (lower case).</summary>
    private static readonly Dictionary<char, char> CyrillicLookAlikes = new()
    {
        ['А'] = 'a', ['а'] = 'a', ['В'] = 'b', ['Е'] = 'e', ['е'] = 'e', ['К'] = 'k', ['к'] = 'k', ['М'] = 'm', ['Н'] = 'h',
        ['О'] = 'o', ['о'] = 'o', ['Р'] = 'p', ['р'] = 'p', ['С'] = 'c', ['с'] = 'c', ['Т'] = 't', ['Х'] = 'x', ['х'] = 'x',
        ['У'] = 'y', ['у'] = 'y', ['І'] = 'i', ['і'] = 'i', ['Ј'] = 'j', ['ј'] = 'j', ['Ѕ'] = 's', ['ѕ'] = 's', ['Ү'] = 'y',
    };

    /// <summary>True when c is a Cyrillic letter with a Latin look-alike.</summary>
    public static bool IsCyrillicLookAlike(char c) => IsCyrillic(c) && CyrillicLookAlikes.ContainsKey(c);

    /// <summary>True for Cyrillic letters (look-alike or not).</summary>
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>Lower case without diacritics ("Á" → 'a'); Cyrillic letters are only lower-cased here.</summary>
    public static char Fold(char c)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        var folded = FoldTable[c];
        if (folded == '\0')
        {
            folded = ComputeFold(c);
            FoldTable[c] = folded;
        }

        return folded;
    }

    /// <summary>Folds a Cyrillic look-alike to its Latin letter.</summary>
    public static char FoldLookAlike(char c) => CyrillicLookAlikes.TryGetValue(c, out var latin) ? latin : c;

    /// <summary>Folds a whole string (for comparing names and keys).</summary>
    public static string FoldString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(Fold(IsCyrillicLookAlike(c) ? FoldLookAlike(c) : c));
        }

        return sb.ToString();
    }

    private static char ComputeFold(char c)
    {
        switch (c)
        {
            case 'ø' or 'Ø': return 'o';
            case 'ł' or 'Ł': return 'l';
            case 'đ' or 'Đ': return 'd';
            case 'ı': return 'i';
            case '’' or 'ʼ' or '‘' or '`': return '\'';
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                return char.ToLowerInvariant(d);
            }
        }

        return char.ToLowerInvariant(c);
    }
}
