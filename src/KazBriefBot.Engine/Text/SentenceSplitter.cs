using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Text;

/// <summary>Splits text into sentences with exact character offsets.</summary>
public static class SentenceSplitter
{
    /// <summary>Splits text[start..end) into sentences; each sentence's Text equals text[Start..End).</summary>
    public static IReadOnlyList<Sentence> Split(string text, int start, int end, int firstOrdinal = 0)
    {
        var result = new List<Sentence>();
        var i = start;
        var sentenceStart = -1;
        while (i < end)
        {
            var c = text[i];
            if (sentenceStart < 0)
            {
                if (!char.IsWhiteSpace(c))
                {
                    sentenceStart = i;
                }

                i++;
                continue;
            }

            var isBreak = c == '\n' || ((c is '.' or '!' or '?') && i + 1 < end && char.IsWhiteSpace(text[i + 1]));
            if (isBreak || i + 1 == end)
            {
                var sentenceEnd = c == '\n' ? i : i + 1;
                while (sentenceEnd > sentenceStart && char.IsWhiteSpace(text[sentenceEnd - 1]))
                {
                    sentenceEnd--;
                }

                if (sentenceEnd > sentenceStart)
                {
                    result.Add(new Sentence(firstOrdinal + result.Count, sentenceStart, sentenceEnd, text[sentenceStart..sentenceEnd]));
                }

                sentenceStart = -1;
            }

            i++;
        }

        return result;
    }
}
