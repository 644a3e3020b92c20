using System.Text;
using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Tests.Lake.Parquet;

/// <summary>The column chunk dictionary: entries numbered in the order first met, whatever their length.</summary>
public sealed class StringDictionaryTests
{
    // Against a plain dictionary, over chunk after chunk (Clear between them): single bytes (found by their byte, not
    // hashed), the empty string, and longer strings, many of them repeated, enough to make the table grow.
    [Fact]
    public void GetOrAdd_NumbersEntriesInTheOrderFirstMet_AcrossClears()
    {
        var random = new Random(41);
        var dictionary = new StringDictionary();
        for (var chunk = 0; chunk < 6; chunk++)
        {
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 0; n < 5_000; n++)
            {
                var value = random.Next(4) switch
                {
                    0 => ((char)random.Next(32, 127)).ToString(),
                    1 => "ACGT"[random.Next(4)].ToString(),
                    2 => random.Next(50) == 0 ? string.Empty : new string('A', random.Next(2, 12)),
                    _ => string.Concat(Enumerable.Range(0, random.Next(2, 20)).Select(_ => "ACGT"[random.Next(4)])),
                };
                var entry = dictionary.GetOrAdd(Encoding.ASCII.GetBytes(value));
                if (!expected.TryGetValue(value, out var first))
                {
                    first = expected.Count;
                    expected.Add(value, first);
                }

                Assert.True(first == entry, $"chunk {chunk}, '{value}': entry {entry}, expected {first}");
            }

            Assert.Equal(expected.Count, dictionary.Count);
            foreach (var (value, entry) in expected)
            {
                Assert.Equal(value, Encoding.ASCII.GetString(dictionary[entry]));
            }

            dictionary.Clear();
        }
    }
}
