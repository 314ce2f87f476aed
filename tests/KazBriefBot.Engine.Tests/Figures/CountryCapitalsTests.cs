using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Capitals name their countries (general reference data in Countries.cs).</summary>
public sealed class CountryCapitalsTests
{
    [Theory]
    [InlineData("Astana", "Kazakhstan")]
    [InlineData("Nur-Sultan", "Kazakhstan")]
    [InlineData("Washington", "United States")]
    [InlineData("Canberra", "Australia")]
    [InlineData("Ouagadougou", "Burkina Faso")]
    [InlineData("Bishkek", "Kyrgyzstan")]
    [InlineData("Kiev", "Ukraine")]
    public void A_capital_names_its_country(string capital, string country) =>
        Assert.Equal(country, Countries.CountryOfCapital(capital));

    [Fact]
    public void A_word_that_is_no_capital_names_no_country()
    {
        Assert.Null(Countries.CountryOfCapital("Springfield"));
        Assert.Empty(Countries.NamesOfSameCountry("Microsoft"));
    }

    [Fact]
    public void A_capital_and_its_country_share_every_name()
    {
        var names = Countries.NamesOfSameCountry("Astana");
        Assert.Contains("Kazakhstan", names);
        Assert.Contains("Kazakh", names);
        Assert.Contains("Nur-Sultan", names);
        Assert.Contains("Washington", Countries.NamesOfSameCountry("America"));
        Assert.Contains("Ottawa", Countries.NamesOfSameCountry("Canada"));
        Assert.Equal(["Ottawa"], Countries.CapitalsOf("Canada"));
    }
}
