namespace Verification.Convex.Data.Imdb;

/// <summary>One labelled IMDB review (Maas et al. 2011).</summary>
/// <param name="Label">0 = negative (rating ≤ 4), 1 = positive (rating ≥ 7).</param>
/// <param name="Rating">The star rating from the file name <c>id_rating.txt</c>.</param>
/// <param name="Id">The review id; unique only within one (split, label) folder.</param>
/// <param name="Text">The raw review text (HTML <c>&lt;br /&gt;</c> tags included).</param>
public sealed record ImdbReview(int Label, int Rating, int Id, string Text)
{
    /// <summary>Whether <paramref name="rating"/> is one the official release allows for <paramref name="label"/>.</summary>
    public static bool RatingAgreesWithLabel(int label, int rating) =>
        label == 0 ? rating is >= 1 and <= 4 : rating is >= 7 and <= 10;
}
