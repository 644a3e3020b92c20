using System.Globalization;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Modal-number ranges (inclusive) for the ploidy classes. The literature's cut-offs differ (ALL-knowledge.md §2.3),
/// so the definition applied is named in every output; a range of (0, -1) means the source does not define the class.
/// </summary>
/// <param name="Name">How outputs name the definition.</param>
/// <param name="NearHaploid">Near-haploid range.</param>
/// <param name="LowHypodiploid">Low hypodiploid range.</param>
/// <param name="HighHypodiploid">High hypodiploid range.</param>
/// <param name="LowHyperdiploid">Low hyperdiploid range.</param>
/// <param name="HighHyperdiploid">High hyperdiploid range.</param>
/// <param name="Certainty">The evidence tag of the source.</param>
public sealed record PloidyDefinition(
    string Name,
    (int Low, int High) NearHaploid,
    (int Low, int High) LowHypodiploid,
    (int Low, int High) HighHypodiploid,
    (int Low, int High) LowHyperdiploid,
    (int Low, int High) HighHyperdiploid,
    Certainty Certainty)
{
    /// <summary>
    /// The default: Safavi &amp; Paulsson 2017 (Blood 129:420) for the hypodiploid classes (24–30, 31–39, 40–45) [V],
    /// MD-ALL's 47–50 for low hyperdiploid [V-data], and 51–67 for high hyperdiploid (Paulsson &amp; Johansson 2009,
    /// Genes Chromosomes Cancer 48:637) [V]; tagged by its weakest part, [V-data].
    /// </summary>
    public static PloidyDefinition Default { get; } = new("Safavi & Paulsson 2017 hypodiploid ranges; low hyperdiploid 47-50 (MD-ALL); high hyperdiploid 51-67 (Paulsson & Johansson 2009)", (24, 30), (31, 39), (40, 45), (47, 50), (51, 67), Certainty.VerifiedData);

    /// <summary>Harrison 2004 (Br J Haematol 125:552) [V]: near-haploid 23–29, low hypodiploid 33–39, high hypodiploid 42–45; high hyperdiploid 51–65.</summary>
    public static PloidyDefinition Harrison2004 { get; } = new("Harrison 2004", (23, 29), (33, 39), (42, 45), (0, -1), (51, 65), Certainty.Verified);

    /// <summary>Holmfeldt 2013 (Nat Genet 45:242) [V]: near-haploid 24–31, low hypodiploid 32–39; other classes not defined there.</summary>
    public static PloidyDefinition Holmfeldt2013 { get; } = new("Holmfeldt 2013", (24, 31), (32, 39), (0, -1), (0, -1), (0, -1), Certainty.Verified);

    /// <summary>MD-ALL code (RNA-inferred chromosome number) [V-data]: &lt;31 near-haploid, 31–38 low hypodiploid, 47–50 low hyperdiploid, ≥51 high hyperdiploid.</summary>
    public static PloidyDefinition MdAll { get; } = new("MD-ALL", (1, 30), (31, 38), (0, -1), (47, 50), (51, int.MaxValue), Certainty.VerifiedData);

    /// <summary>The class of a modal number under this definition.</summary>
    /// <param name="modal">The modal chromosome number.</param>
    public PloidyClass Classify(int modal)
    {
        static bool In((int Low, int High) range, int n) => range.Low <= range.High && n >= range.Low && n <= range.High;
        if (In(NearHaploid, modal))
        {
            return PloidyClass.NearHaploid;
        }

        if (In(LowHypodiploid, modal))
        {
            return PloidyClass.LowHypodiploid;
        }

        if (In(HighHypodiploid, modal))
        {
            return PloidyClass.HighHypodiploid;
        }

        if (In(LowHyperdiploid, modal))
        {
            return PloidyClass.LowHyperdiploid;
        }

        if (In(HighHyperdiploid, modal))
        {
            return PloidyClass.HighHyperdiploid;
        }

        // Outside every range: near-diploid around 46 (44-50, where a definition leaves, e.g., low hyperdiploidy
        // undefined); elsewhere in a gap between ranges (Harrison 2004's 30-32 and 40-41, a modal of 23 under the
        // default) the definition gives no class, and none is invented.
        return HighHyperdiploid.Low <= HighHyperdiploid.High && modal > HighHyperdiploid.High ? PloidyClass.AboveHighHyperdiploid
            : modal is >= 44 and <= 50 ? PloidyClass.NearDiploid
            : PloidyClass.Unclassified;
    }

    /// <summary>The definitions a run can choose (<c>--ploidy-definition</c>), by name.</summary>
    public static IReadOnlyDictionary<string, PloidyDefinition> Named { get; } = new Dictionary<string, PloidyDefinition>(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = Default,
        ["harrison2004"] = Harrison2004,
        ["holmfeldt2013"] = Holmfeldt2013,
        ["md-all"] = MdAll,
    };

    /// <summary>The definition of that name (see <see cref="Named"/>).</summary>
    /// <param name="name">default, harrison2004, holmfeldt2013 or md-all.</param>
    public static PloidyDefinition Parse(string name) =>
        Named.TryGetValue(name, out var definition) ? definition
            : throw new Core.HarmonyException($"--ploidy-definition: expected one of {string.Join(", ", Named.Keys)}, not '{name}'");

    /// <summary>The definition as one line for outputs (name and ranges).</summary>
    public string Describe()
    {
        static string R((int Low, int High) r) => r.Low > r.High ? "undefined" : r.High == int.MaxValue ? $">={r.Low.ToString(CultureInfo.InvariantCulture)}" : $"{r.Low.ToString(CultureInfo.InvariantCulture)}-{r.High.ToString(CultureInfo.InvariantCulture)}";
        return $"{Name} [{CertaintyText.Tag(Certainty)}]: near-haploid {R(NearHaploid)}, low hypodiploid {R(LowHypodiploid)}, high hypodiploid {R(HighHypodiploid)}, low hyperdiploid {R(LowHyperdiploid)}, high hyperdiploid {R(HighHyperdiploid)}";
    }
}
