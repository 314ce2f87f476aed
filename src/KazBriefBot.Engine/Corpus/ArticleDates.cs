using System.Globalization;
using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Corpus;

/// <summary>Reads publication dates written the ways news pages write them; ambiguous or partial dates give nothing.</summary>
public static partial class ArticleDates
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Reads a date at the very start of <paramref name="value"/>; <paramref name="length"/> is how many characters it used.</summary>
    /// <remarks>Accepted: 2023-09-14 (optionally with a time), 2023/09/14, 14.09.2023, October 21, 2015, Oct. 21, 2015,
    /// 21 October 2015, an optional weekday before ("Thursday, 14 September 2023"), and d/m/yyyy only when the day is over 12
    /// (otherwise it is ambiguous). A date without a year is not a date: the year is never guessed.</remarks>
    public static bool TryReadAtStart(string value, out DateOnly date, out int length)
    {
        ArgumentNullException.ThrowIfNull(value);
        date = default;
        length = 0;
        var weekday = WeekdayPrefix().Match(value);
        var offset = weekday.Success ? weekday.Length : 0;
        var rest = value[offset..];

        Match m;
        if ((m = IsoDate().Match(rest)).Success)
        {
            return Build(int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture), offset + m.Length, out date, out length);
        }

        if ((m = DottedDate().Match(rest)).Success)
        {
            return Build(int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture), offset + m.Length, out date, out length);
        }

        if ((m = SlashDate().Match(rest)).Success)
        {
            var a = int.Parse(m.Groups["a"].ValueSpan, CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups["b"].ValueSpan, CultureInfo.InvariantCulture);
            var y = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
            return a > 12 ? Build(y, b, a, offset + m.Length, out date, out length)
                : b > 12 ? Build(y, a, b, offset + m.Length, out date, out length)
                : false;
        }

        if ((m = MonthDayYear().Match(rest)).Success && MonthOf(m.Groups["mon"].Value) is { } month1)
        {
            return Build(int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), month1,
                int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture), offset + m.Length, out date, out length);
        }

        if ((m = DayMonthYear().Match(rest)).Success && MonthOf(m.Groups["mon"].Value) is { } month2)
        {
            return Build(int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), month2,
                int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture), offset + m.Length, out date, out length);
        }

        return false;
    }

    /// <summary>Reads a value that is a date and nothing else (a header's date, a date-only line); trailing time is allowed.</summary>
    public static DateOnly? ParseWhole(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (!TryReadAtStart(trimmed, out var date, out var length))
        {
            return null;
        }

        var rest = trimmed[length..].Trim();
        return rest.Length == 0 || TimeSuffix().IsMatch(rest) ? date : null;
    }

    /// <summary>True for a time of day such as "10:30", "at 9:05 am", "| 14:00 GMT" that may follow a date.</summary>
    public static bool IsTimeOfDay(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TimeSuffix().IsMatch(value.Trim());
    }

    private static int? MonthOf(string name)
    {
        var key = name.TrimEnd('.').ToLowerInvariant();
        if (key.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < MonthNames.Length; i++)
        {
            // Full names and the usual abbreviations (Jan, Sept); "Mayo" or "Marching" are not months.
            if (MonthNames[i] == key || (key.Length <= 4 && MonthNames[i].StartsWith(key, StringComparison.Ordinal)))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static bool Build(int year, int month, int day, int used, out DateOnly date, out int length)
    {
        date = default;
        length = 0;
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        length = used;
        return true;
    }

    [GeneratedRegex(@"^(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayPrefix();

    [GeneratedRegex(@"^(?<y>\d{4})[-/](?<m>\d{1,2})[-/](?<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"^(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(?<mon>[A-Za-z]{3,9}\.?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>[A-Za-z]{3,9}\.?),?\s+(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?:,|at|-|\|)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeSuffix();
}
