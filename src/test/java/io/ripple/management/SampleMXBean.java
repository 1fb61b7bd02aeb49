package io.ripple.management;

/** A tiny MXBean for the management tests. */
@Description("A sample MBean for tests")
public interface SampleMXBean {

    @Description("The sample's name")
    String getName();

    @Description("Whether the sample is on")
    boolean isEnabled();

    @Description("A number that can be changed")
    int getLevel();

    void setLevel(int level);

    @Description("Adds two numbers")
    int add(@Description("the first number") int left, @Description("the second number") int right);

    @Description("Who is calling, as Caller.current() sees it")
    String whoAmI();

    @Description("Waits until the test lets it go")
    String block();
}
