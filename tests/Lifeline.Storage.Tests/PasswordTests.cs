using Lifeline.Storage.Accounts;

namespace Lifeline.Storage.Tests;

public sealed class PasswordTests
{
    [Theory]
    [InlineData("short pass", "at least 12")]
    [InlineData("password1234", "common passwords")]
    [InlineData("QwertyUiop123", "common passwords")]
    [InlineData("aaaaaaaaaaaaaaaa", "common passwords")]
    [InlineData("field-lead forever", "username")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason) =>
        Assert.Contains(reason, Passwords.Refusal(password, "field-lead")?.English, StringComparison.Ordinal);

    [Theory]
    [InlineData("river lantern orchard")]
    [InlineData("alllowercasebutlong")]
    [InlineData("123456789ab!")]
    public void Long_uncommon_passwords_need_no_particular_characters(string password) =>
        Assert.Null(Passwords.Refusal(password, "field-lead"));

    [Fact]
    public void Hashes_are_salted_argon2id_and_verify_only_the_right_password()
    {
        var first = Passwords.Hash("river lantern orchard");
        var second = Passwords.Hash("river lantern orchard");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(Passwords.Verify("river lantern orchard", first));
        Assert.False(Passwords.Verify("river lantern orchards", first));
    }

    [Fact]
    public void Generated_passwords_pass_the_rules()
    {
        var password = Users.GeneratePassword("admin");

        Assert.Null(Passwords.Refusal(password, "admin"));
        Assert.Equal(29, password.Length);
    }
}
