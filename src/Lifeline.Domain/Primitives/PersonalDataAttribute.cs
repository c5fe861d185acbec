namespace Lifeline.Domain.Primitives;

/// <summary>
/// Marks a member of a recorded event that may hold personal data: the name of whoever received or handed
/// over aid, an account of an incident that names the people hurt. The store seals such a member with a key
/// of its own before the entry is signed, so that the log, its projections and every copy of them hold only
/// ciphertext, only coordinators read it, and deleting the key erases it (crypto-shredding) while the log
/// still verifies. Every text member of every event is either marked or reviewed as operational
/// (<c>PersonalDataRuleTests</c>): a new event member is classified before it can ship.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute;
