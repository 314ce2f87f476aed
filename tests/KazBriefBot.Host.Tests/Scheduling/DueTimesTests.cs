using System.Globalization;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Tests.Scheduling;

public sealed class DueTimesTests
{
    [Theory]
    // Almaty: UTC+5 all year (no daylight saving since 2024).
    [InlineData("Asia/Almaty", "2026-01-15", "08:00", "2026-01-15T03:00:00Z")]
    [InlineData("Asia/Almaty", "2026-07-15", "08:00", "2026-07-15T03:00:00Z")]
    [InlineData("Asia/Almaty", "2026-11-23", "00:15", "2026-11-22T19:15:00Z")]
    // New York: EST (UTC-5) in winter, EDT (UTC-4) in summer.
    [InlineData("America/New_York", "2026-01-15", "08:00", "2026-01-15T13:00:00Z")]
    [InlineData("America/New_York", "2026-07-15", "08:00", "2026-07-15T12:00:00Z")]
    [InlineData("America/New_York", "2026-03-07", "08:00", "2026-03-07T13:00:00Z")]
    [InlineData("America/New_York", "2026-03-08", "08:00", "2026-03-08T12:00:00Z")]
    [InlineData("America/New_York", "2026-10-31", "08:00", "2026-10-31T12:00:00Z")]
    [InlineData("America/New_York", "2026-11-01", "08:00", "2026-11-01T13:00:00Z")]
    // London: GMT in winter, BST (UTC+1) in summer.
    [InlineData("Europe/London", "2026-01-15", "08:00", "2026-01-15T08:00:00Z")]
    [InlineData("Europe/London", "2026-07-15", "08:00", "2026-07-15T07:00:00Z")]
    [InlineData("Europe/London", "2026-03-29", "08:00", "2026-03-29T07:00:00Z")]
    [InlineData("Europe/London", "2026-10-25", "08:00", "2026-10-25T08:00:00Z")]
    public void Due_time_is_the_local_time_in_the_zone(string zone, string day, string time, string expectedUtc) =>
        Assert.Equal(Utc(expectedUtc), DueTimes.DueAt(Day(day), Time(time), Zone(zone)));

    [Theory]
    // Spring forward: 02:30 does not exist; it moves forward by the gap (03:30 EDT / 02:30 BST).
    [InlineData("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z", "03:30")]
    [InlineData("Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00Z", "02:30")]
    // Fall back: 01:30 happens twice; the first (daylight) occurrence is the due time.
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z", "01:30")]
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z", "01:30")]
    public void Daylight_saving_gaps_move_forward_and_repeated_times_use_the_first_occurrence(string zone, string day, string time, string expectedUtc, string expectedLocalClock)
    {
        var tz = Zone(zone);
        var due = DueTimes.DueAt(Day(day), Time(time), tz);
        Assert.Equal(Utc(expectedUtc), due);
        var local = TimeZoneInfo.ConvertTime(due, tz);
        Assert.Equal(expectedLocalClock, local.ToString("HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(Day(day), DateOnly.FromDateTime(local.DateTime));
    }

    [Theory]
    [InlineData("Asia/Almaty", "08:00")]
    [InlineData("America/New_York", "02:30")]
    [InlineData("America/New_York", "01:30")]
    [InlineData("Europe/London", "01:30")]
    [InlineData("Europe/London", "00:00")]
    public void Every_local_day_of_a_year_has_exactly_one_due_instant_on_that_day(string zone, string time)
    {
        var tz = Zone(zone);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var dues = DueTimes.DueBetween(Time(time), tz, start, start.AddDays(365)).ToList();
        Assert.InRange(dues.Count, 364, 366);
        for (var i = 0; i < dues.Count; i++)
        {
            Assert.Equal(dues[i].Day, DueTimes.LocalDay(dues[i].DueAt, tz));
            if (i > 0)
            {
                Assert.Equal(dues[i - 1].Day.AddDays(1), dues[i].Day);
                Assert.InRange(dues[i].DueAt - dues[i - 1].DueAt, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            }
        }
    }

    [Fact]
    public void Next_due_is_strictly_after_the_given_instant()
    {
        var almaty = Zone("Asia/Almaty");
        Assert.Equal((Day("2026-11-23"), Utc("2026-11-23T03:00:00Z")), DueTimes.NextDue(Time("08:00"), almaty, Utc("2026-11-23T02:59:00Z")));
        Assert.Equal((Day("2026-11-24"), Utc("2026-11-24T03:00:00Z")), DueTimes.NextDue(Time("08:00"), almaty, Utc("2026-11-23T03:00:00Z")));

        // 23:30 local in New York is already the next UTC day; the local day is what counts.
        Assert.Equal((Day("2026-11-23"), Utc("2026-11-24T04:30:00Z")), DueTimes.NextDue(Time("23:30"), Zone("America/New_York"), Utc("2026-11-23T12:00:00Z")));
    }

    [Theory]
    [InlineData("08:00", 8, 0)]
    [InlineData("8:05", 8, 5)]
    [InlineData("23:59", 23, 59)]
    [InlineData("00:00", 0, 0)]
    public void Times_parse_on_a_24_hour_clock(string text, int hour, int minute)
    {
        Assert.True(DueTimes.TryParseTime(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("8")]
    [InlineData("08:60")]
    [InlineData("8pm")]
    [InlineData("08:00:30")]
    [InlineData("")]
    public void Bad_times_do_not_parse(string text) => Assert.False(DueTimes.TryParseTime(text, out _));

    [Fact]
    public void Time_zones_are_found_by_IANA_id_ignoring_case()
    {
        Assert.True(TimeZones.TryFind("asia/almaty", out var almaty));
        Assert.Equal("Asia/Almaty", almaty.Id);
        Assert.True(TimeZones.TryFind("Europe/London", out var london));
        Assert.Equal("Europe/London", london.Id);
        Assert.False(TimeZones.TryFind("Mars/Olympus_Mons", out _));
        Assert.False(TimeZones.TryFind("", out _));
    }

    internal static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    internal static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static TimeOnly Time(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
