using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>
/// Party rules on short invented articles (not BBC text): a sentence-initial firm name the title confirms, a firm named
/// after a person, a title word starting a firm's name, and the buyer of a deal named in an earlier sentence. The
/// expected parties are read off these texts by hand.
/// </summary>
public sealed class PartyRulesTests
{
    private static Figure Only(string text, string figure, string? title = null)
    {
        var figures = FigureExtractor.Extract(BbcBusiness.MakeArticle("t/1", text, title));
        return Assert.Single(figures, f => f.Text == figure);
    }

    [Fact]
    public void A_sentence_initial_pair_the_title_writes_mid_sentence_is_one_name()
    {
        var f = Only("Rolling Stone said on Monday that its profit rose 12% in 2004.", "12%", "Strong year for Rolling Stone magazine");
        Assert.Equal("Rolling Stone", f.Parties.ToString());
    }

    [Fact]
    public void Without_that_confirmation_the_ordinary_first_word_is_no_name()
    {
        var f = Only("Rolling Stone said on Monday that its profit rose 12% in 2004.", "12%", "a strong year for the magazine");
        Assert.NotEqual("Rolling Stone", f.Parties.ToString());
    }

    [Fact]
    public void A_firm_named_after_a_person_is_a_party_though_the_person_is_not()
    {
        var f = Only("Mr Tata spoke on Monday. Tata Steel could cut 5,000 jobs over the next three years.", "5,000 jobs");
        Assert.Equal("Tata Steel", f.Parties.ToString());
    }

    [Fact]
    public void The_buyer_named_before_an_anaphoric_subject_owns_the_deal()
    {
        var f = Only("Shares in Acme Motors rose on Monday. The company is due to complete its $2bn acquisition of rival firm Zenith next month.", "$2bn");
        Assert.Equal("Acme Motors > Zenith", f.Parties.ToString());
    }

    [Fact]
    public void The_buyer_is_the_subject_of_the_earlier_sentence_with_a_deal_verb()
    {
        var f = Only("On Monday, Orion agreed to buy a stake in a rival. Shareholders said the $3bn takeover of Vega was fair.", "$3bn");
        Assert.Equal("Orion > Vega", f.Parties.ToString());
    }

    [Fact]
    public void A_title_word_starting_a_firms_name_is_the_firm()
    {
        var f = Only("Fiat recently ended its alliance with General Motors. The US firm agreed to pay $2bn to exit an agreement to buy Fiat.", "$2bn");
        Assert.Equal("General Motors > Fiat", f.Parties.ToString());
    }
}
