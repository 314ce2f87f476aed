using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>Answer kinds that read units (issue 13): "how long" needs a span of time, "how much ... cost / invest / pay"
/// a sum of money, "how many" a count; and the forms of a time that a "when" question accepts. Sentences written for
/// these tests, not taken from the seeds.</summary>
public sealed class AnswerUnitTests
{
    [Theory]
    [InlineData("How long did the ceremony last?", QuantityUnit.Duration)]
    [InlineData("For how many years did the mine operate?", QuantityUnit.Duration)]
    [InlineData("How long ago was the bridge built?", QuantityUnit.Any)]
    [InlineData("How much did the new runway cost?", QuantityUnit.Money)]
    [InlineData("How much has Norway invested in the port?", QuantityUnit.Money)]
    [InlineData("How much did the club pay for the striker?", QuantityUnit.Money)]
    [InlineData("What is the estimated cost of the new canal?", QuantityUnit.Money)]
    [InlineData("How much of the forest was cleared?", QuantityUnit.Any)]
    [InlineData("How many ships use the canal?", QuantityUnit.Any)]
    public void The_unit_is_read_from_the_question(string question, QuantityUnit unit) =>
        Assert.Equal(unit, AnswerTypeCues.UnitOf(question));

    [Fact]
    public void A_cost_question_is_a_quantity_question() =>
        Assert.Equal(ExpectedAnswer.Quantity, AnswerTypeCues.Detect("What is the estimated cost of the new canal?"));

    [Theory]
    [InlineData("The ceremony lasted three hours and ended with fireworks.", true)]
    [InlineData("After a 40-minute delay the ceremony went on.", true)]
    [InlineData("The strike went on for several weeks.", true)]
    [InlineData("The dispute has simmered for decades.", true)]
    [InlineData("Some 3,000 guests attended the ceremony in 2019.", false)]
    [InlineData("The ceremony was held in the main square.", false)]
    public void A_how_long_question_needs_a_span_of_time(string sentence, bool canAnswer) =>
        Assert.Equal(canAnswer, AnswerTypeCues.CanAnswer(ExpectedAnswer.Quantity, sentence, "How long did the ceremony last?"));

    [Theory]
    [InlineData("The runway cost $2.5 billion to build.", true)]
    [InlineData("The runway cost 300 million euros.", true)]
    [InlineData("Builders were paid KZT 40,000 a month.", true)]
    [InlineData("The bill came to 12 million pounds.", true)]
    [InlineData("The runway is 4,000 metres long and opened in 2021.", false)]
    [InlineData("Two runways were built by 500 workers.", false)]
    public void A_how_much_did_it_cost_question_needs_money(string sentence, bool canAnswer) =>
        Assert.Equal(canAnswer, AnswerTypeCues.CanAnswer(ExpectedAnswer.Quantity, sentence, "How much did the runway cost?"));

    [Theory]
    [InlineData("Fourteen ships pass through the canal each day.", true)]
    [InlineData("The canal carries 51 ships a day.", true)]
    [InlineData("The canal is one of the busiest in the world.", false)]
    public void A_how_many_question_needs_a_count(string sentence, bool canAnswer) =>
        Assert.Equal(canAnswer, AnswerTypeCues.CanAnswer(ExpectedAnswer.Quantity, sentence, "How many ships use the canal?"));

    [Theory]
    [InlineData("The market is held every Saturday morning.", "When is the market held?", true)]
    [InlineData("The tapestry was woven in the 15th century.", "In which century was the tapestry woven?", true)]
    [InlineData("The candlestick is dated c1120.", "To which year is the candlestick dated?", true)]
    [InlineData("The reef grew during the Cretaceous Period.", "When did the reef grow?", true)]
    [InlineData("Frost forms when the air cools below freezing.", "When does frost form?", true)]
    [InlineData("The tapestry shows a hunting scene.", "In which century was the tapestry woven?", false)]
    public void A_when_question_accepts_the_ways_English_says_a_time(string sentence, string question, bool canAnswer) =>
        Assert.Equal(canAnswer, AnswerTypeCues.CanAnswer(AnswerTypeCues.Detect(question), sentence, question));
}
