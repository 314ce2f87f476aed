using System.Globalization;

namespace KazBriefBot.Host.Scheduling;

/// <summary>When a daily digest is due: a local time of day in an IANA zone, turned into UTC instants across DST changes.</summary>
/// <remarks>
/// Rules: a local time that does not exist (skipped by a spring-forward change, e.g. 02:30 in New York on the second Sunday
/// of March) is moved forward by the length of the gap (02:30 → 03:30 local), as if the clock had not jumped yet. A local
/// time that happens twice (fall-back) is due at its first occurrence only (the daylight one). So every local day has exactly
/// one due instant, and it falls on that local day.
/// </remarks>
public static class DueTimes
{
    /// <summary>Parses "HH:MM" or "H:MM" (24-hour clock).</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The UTC instant the digest of <paramref name="day"/> is due at <paramref name="time"/> local time.</summary>
    public static DateTimeOffset DueAt(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Use the offset in force before the gap: the instant a clock that had not jumped would show this time.
            offset = zone.GetUtcOffset(local.AddHours(-12));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // The larger offset gives the earlier instant: the first occurrence.
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    /// <summary>The local calendar day of an instant in the zone.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first due instant strictly after <paramref name="after"/>.</summary>
    public static (DateOnly Day, DateTimeOffset DueAt) NextDue(TimeOnly time, TimeZoneInfo zone, DateTimeOffset after)
    {
        for (var day = LocalDay(after, zone).AddDays(-1); ; day = day.AddDays(1))
        {
            var due = DueAt(day, time, zone);
            if (due > after)
            {
                return (day, due);
            }
        }
    }

    /// <summary>The due instants in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public static IEnumerable<(DateOnly Day, DateTimeOffset DueAt)> DueBetween(TimeOnly time, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = LocalDay(from, zone).AddDays(-1); day <= LocalDay(to, zone).AddDays(1); day = day.AddDays(1))
        {
            var due = DueAt(day, time, zone);
            if (due >= from && due <= to)
            {
                yield return (day, due);
            }
        }
    }

    /// <summary>"2026-11-23 08:00 Asia/Almaty (03:00 UTC)": a due instant as its local and UTC clock time.</summary>
    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} {zone.Id} ({instant.UtcDateTime:HH:mm} UTC)");
    }
}
