"""More families where context decides the reading: set scores, time spans, sizes, pence, counties.
Sentences written for these tests in the style of wire copy; each family has the other reading."""

import pytest

from audiobrief.speak import explain_line, load_lexicon, speak_line

LEX = load_lexicon()


def said(written: str, variety: str = "en-us") -> str:
    return speak_line(written, LEX, "never", variety)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a set lost in a list of set scores is still a score, not a range
        ("He lost 7-5, 6-7, 6-4 to Federer.", "He lost seven-five, six-seven, six-four to Federer."),
        ("Nadal won 7-6 (7-4), 3-6, 6-2.", "Nadal won seven-six (seven-four), three-six, six-two."),
        ("She won 6-4, 6-3.", "She won six-four, six-three."),
        # the other reading: lists of ranges, none won by the first number
        ("See pages 1-5, 7-9.", "See pages one to five, seven to nine."),
        ("Children aged 3-5, 6-8 and 9-12 may enter.",
         "Children aged three to five, six to eight and nine to twelve may enter."),
        ("Aged 4-6, the twins", "Aged four to six, the twins"),
    ],
)
def test_set_scores_or_ranges(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The Lakers beat the Celtics 110-102.",
         "The Lakers beat the Celtics one hundred ten to one hundred two."),
        ("The score was 21-14 at halftime.", "The score was twenty-one to fourteen at halftime."),
        ("United won 3-1.", "United won three-one."),
        # no game in sight: a bare pair keeps its hyphen
        ("Prefix 978-0 marks the book.", "Prefix nine hundred seventy-eight-zero marks the book."),
    ],
)
def test_scores_in_more_than_one_word(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 2-3 p.m. slot is free.", "The two to three P.M. slot is free."),
        ("Polls open 10:30-11 a.m. on Sunday.", "Polls open ten thirty to eleven A.M. on Sunday."),
        ("Open 9am-5pm daily.", "Open nine A.M. to five P.M. daily."),
        # the other reading: no A.M. or P.M. after the span, so it is a range of numbers
        ("Children aged 2-3 years", "Children aged two to three years"),
    ],
)
def test_time_spans(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The attack began at 0300 GMT.", "The attack began at oh three hundred G.M.T."),
        ("The strike came at 1430 hours.", "The strike came at fourteen thirty hours."),
        ("Talks resumed at 2100 UTC.", "Talks resumed at twenty-one hundred U.T.C."),
        # the other reading: four digits with no zone after them are a year or a count
        ("In 1430 the town fell.", "In fourteen thirty the town fell."),
        ("It has 2,100 members.", "It has two thousand one hundred members."),
    ],
)
def test_four_digit_times(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 4x100m relay was close.", "The four by one hundred meters relay was close."),
        ("The flat is 2x8 m2 in size.", "The flat is two by eight square meters in size."),
        ("The room measures 3 x 4 m.", "The room measures three by four meters."),
        # the other reading: no unit after the size, or a spaced m without a size
        ("A 2x8 beam", "A two by eight beam"),
        ("A 2 x 4 piece of wood", "A two by four piece of wood"),
        ("The bill grew by 3 m.", "The bill grew by three m."),
    ],
)
def test_sizes_before_a_measure(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Water boils at 100º C.", "Water boils at one hundred degrees Celsius."),
        ("It hit 95 ° F on Monday.", "It hit ninety-five degrees Fahrenheit on Monday."),
        ("He ran the 400m in 43.03 s.",
         "He ran the four hundred meters in forty-three point zero three seconds."),
        ("It rose 2.5s later.", "It rose two point five seconds later."),
        ("Pumps move 3 cc/s at 40km/h.", "Pumps move three C.C. per second at forty kilometers per hour."),
        ("A tide of 400m/h", "A tide of four hundred meters per hour"),
        # the other reading: a decade is no time in seconds, nor a number before a word with s
        ("The 1960s were wild.", "The nineteen sixties were wild."),
        ("The '90s", "The nineties"),
    ],
)
def test_degrees_seconds_and_rates(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Shares fell 3p to 245p.", "Shares fell three pence to two hundred forty-five pence."),
        ("A 1p coin", "A one penny coin"),
        ("It costs 4.5p a unit.", "It costs four point five pence a unit."),
        # the other reading: a video resolution keeps its letter
        ("The 720p stream", "The seven hundred twenty p stream"),
    ],
)
def test_pence(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He lives in Orange Co., Calif., with his wife.",
         "He lives in Orange County, California, with his wife."),
        ("Officials in Cook Co., Illinois, voted.", "Officials in Cook County, Illinois, voted."),
        # the other reading: a company's name
        ("The Ford Motor Co. said sales rose.", "The Ford Motor Company said sales rose."),
        ("The Ford Motor Co., based in Dearborn, said so.",
         "The Ford Motor Company, based in Dearborn, said so."),
    ],
)
def test_county_or_company(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("He lost 7-5, 6-7, 6-4.", "set score beside other set scores: '6-7' in '7-5, 6-7, 6-4'"),
        ("The 2-3 p.m. slot", "time span: one A.M. or P.M. for both times"),
        ("at 0300 GMT", "24-hour time in four digits before a zone"),
        ("The 4x100m relay", "size or relay: 'x' before a measure is 'by'"),
        ("Shares fell 3p.", "money: pence after the number"),
        ("Orange Co., Calif.", "'Co.' before a state is County: 'Orange Co., Calif.'"),
    ],
)
def test_explain_names_the_context_rule(written: str, rule: str) -> None:
    assert rule in [change.rule for change in explain_line(written, LEX, "never")]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 2008\u201309 season ended badly.",
         "The two thousand eight to two thousand nine season ended badly."),
        ("The 2019-20 budget", "The twenty nineteen to twenty twenty budget"),
        ("From 1905-06 he lived there.", "From nineteen oh five to nineteen oh six he lived there."),
        ("The 1999-00 season", "The nineteen ninety-nine to two thousand season"),
        # the other reading: a short second year in the 1900s is said short, as newsreaders do
        ("The 1998-99 season", "The nineteen ninety-eight to ninety-nine season"),
        ("The 1960-80 period", "The nineteen sixty to eighty period"),
    ],
)
def test_spans_of_years_with_a_short_second_year(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Route 9W crosses the river.", "Route nine W crosses the river."),
        ("Take Highway 1A north.", "Take Highway one A north."),
        ("He won the 1500 m in Berlin.", "He won the one thousand five hundred meters in Berlin."),
        # the other reading: a bulb's watts, and a spaced m before a count noun is million
        ("A 9W bulb", "A nine-watt bulb"),
        ("He sold the 3 m shares.", "He sold the three million shares."),
    ],
)
def test_route_names_and_events_in_meters(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Its GDP is $1,234 (2019 est.).",
         "Its G.D.P. is one thousand two hundred thirty-four dollars (twenty nineteen estimate)."),
        # the other reading: the time zone in capitals
        ("The vote is at 5 p.m. EST.", "The vote is at five P.M E.S.T."),
    ],
)
def test_estimate(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Smith & Wesson sold 2.3m guns.", "Smith and Wesson sold two point three million guns."),
        ("The country's population is 67m.", "The country's population is sixty-seven million."),
        ("Voters numbered about 4.5m in May.", "Voters numbered about four point five million in May."),
        # the other reading: a tight m with no count in sight is meters
        ("He jumped 8.9m.", "He jumped eight point nine meters."),
        ("The 5m wall fell.", "The five-meter wall fell."),
    ],
)
def test_million_or_meters(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He weighed 1½ kg at birth.", "He weighed one and a half kilograms at birth."),
        ("Add 2¼ lb of flour.", "Add two and a quarter pounds of flour."),
        ("It is ½ mi away.", "It is half a mile away."),
        ("It is 3/4 mi away.", "It is three quarters of a mile away."),
        ("The crack is 1/8 in. wide.", "The crack is one eighth of an inch wide."),
        # before a noun it is a modifier, not "of a"
        ("A 1/2 mi loop", "A one half-mile loop"),
        # the other reading: a fraction before a word that is no unit stays a fraction alone
        ("Add ½ cup of milk.", "Add one half cup of milk."),
    ],
)
def test_vulgar_fractions_before_a_unit(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Light travels at 3 \u00d7 10^8 m/s.",
         "Light travels at three times ten to the power of eight meters per second."),
        ("It has 2^10 states.", "It has two to the power of ten states."),
        ("A mass of 1.5x10^-3 kg",
         "A mass of one point five times ten to the power of minus three kilograms"),
        ("It was 6.02 \u00d7 10^23.", "It was six point zero two times ten to the power of twenty-three."),
        # the other reading: a times sign without a caret is a size
        ("A 2 \u00d7 4 board", "A two by four board"),
    ],
)
def test_powers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The Boeing 737 MAX 8 was grounded.", "The Boeing seven thirty-seven MAX eight was grounded."),
        ("A Boeing 787-9 landed.", "A Boeing seven eighty-seven-nine landed."),
        ("An Airbus 380 and a Tupolev 154", "An Airbus three eighty and a Tupolev one fifty-four"),
        ("Boeing 707s", "Boeing seven oh sevens"),
        # the other reading: a count after a name that makes no aircraft
        ("Google 737 results", "Google seven hundred thirty-seven results"),
        ("Boeing 1,200", "Boeing one thousand two hundred"),
    ],
)
def test_aircraft_models(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The price was Rs. 500 a month.", "The price was five hundred rupees a month."),
        ("It cost Rs. 1.5 crore.", "It cost one point five crore rupees."),
        ("A fine of ₹2 lakh", "A fine of two lakh rupees"),
        # the other reading: a title ending in "rs." is no currency
        ("Mrs. Patel paid.", "Misses Patel paid."),
    ],
)
def test_rupees(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He lives at No. 10 Downing Street.", "He lives at number ten Downing Street."),
        ("Symphony No. 5 in C minor, Op. 67", "Symphony number five in C minor, opus sixty-seven"),
        ("See fig. 3 and para. 4.", "See figure three and paragraph four."),
        # the other reading: a house number without "No." is said in pairs, as before
        ("He lives at 1428 Elm Street.", "He lives at fourteen twenty-eight Elm Street."),
        ("The op. ed. page", "The op. ed. page"),
    ],
)
def test_numbered_references(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He hit .300 with 30 HRs and 100 RBIs.",
         "He hit three hundred with thirty H.R.'s and one hundred R.B.I.'s."),
        ("She is batting .275 this season.", "She is batting two seventy-five this season."),
        ("His batting average was .305 in 1999.",
         "His batting average was three oh five in nineteen ninety-nine."),
        # the other reading: a decimal with no batting in sight, and hours in lower case
        ("The value was .305 in tests.", "The value was point three zero five in tests."),
        ("We slept 8 hrs.", "We slept eight hours."),
    ],
)
def test_batting_averages_and_counted_capitals(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken", "british"),
    [
        ("The 1-0 win put them clear.", "The one-nothing win put them clear.",
         "The one-nil win put them clear."),
        ("A 2-0 defeat at home", "A two-nothing defeat at home", "A two-nil defeat at home"),
        # the other reading: a span that ends at zero with no result word
        ("Count down 10-0 slowly.", "Count down ten-zero slowly.", "Count down ten-zero slowly."),
    ],
)
def test_results_named_after_the_score(written: str, spoken: str, british: str) -> None:
    assert said(written) == spoken
    assert said(written, "en-gb") == british


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Gold rose to $1,950/oz.", "Gold rose to one thousand nine hundred fifty dollars per ounce."),
        ("Rent is £20/m2.", "Rent is twenty pounds per square meter."),
        ("Fees of $5/mo apply.", "Fees of five dollars per month apply."),
    ],
)
def test_prices_per_unit(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It was 45º in the shade.", "It was forty-five degrees in the shade."),
        ("Pliny (fl. 1st century) wrote it.", "Pliny (flourished first century) wrote it."),
        # the other reading: a one-letter unit written in ASCII still needs its own case
        ("He had 5 G to spare.", "He had five G to spare."),
        ("The fl. oz. figure", "The fl. oz. figure"),
    ],
)
def test_ordinal_sign_as_degrees_and_flourished(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Inflation hit 10.1% y/y.", "Inflation hit ten point one percent year on year."),
        ("Revenue rose 3% q/q.", "Revenue rose three percent quarter on quarter."),
        ("Sales fell 2% m/m.", "Sales fell two percent month on month."),
        # the other reading: two different letters around a slash are no period
        ("He said y/n.", "He said y slash n."),
    ],
)
def test_period_on_period(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Call +44 20 7946 0958 today.",
         "Call plus four four, two zero, seven nine four six, zero nine five eight today."),
        ("Call +33 1 42 68 53 00.",
         "Call plus three three, one, four two, six eight, five three, zero zero."),
        ("Call +1 (555) 123-4567.", "Call plus one, five five five, one two three, four five six seven."),
        # the other reading: a signed number before a count is no telephone number
        ("It rose +5 3 times.", "It rose plus five three times."),
    ],
)
def test_international_telephone_numbers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It was a 1-2 finish for Ferrari.", "It was a one-two finish for Ferrari."),
        ("A 1-2 punch of tax cuts", "A one-two punch of tax cuts"),
        # the other reading: a span of years
        ("The next 1-2 years", "The next one to two years"),
    ],
)
def test_one_two_finish(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 2-year, $10 million deal.", "The two-year, ten million dollar deal."),
        ("A long-term, $5 billion plan", "A long-term, five billion dollar plan"),
        # the other reading: a plain noun and a comma before the amount
        ("The company, $10 million richer, left.", "The company, ten million dollars richer, left."),
    ],
)
def test_amounts_after_another_modifier(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 6-3 decision surprised many.", "The six to three decision surprised many."),
        ("A 5-4 ruling on Friday", "A five to four ruling on Friday"),
        # the other reading: a game's score
        ("The Jets won 5-4 in overtime.", "The Jets won five-four in overtime."),
    ],
)
def test_decisions_and_rulings_are_tallies(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The company's Q3 earnings beat estimates.", "The company's third quarter earnings beat estimates."),
        ("Its Q4 results", "Its fourth quarter results"),
        # the other reading: no determiner, so "the" is said
        ("In Q3 2021 sales rose.", "In the third quarter of twenty twenty-one sales rose."),
    ],
)
def test_quarters_after_a_determiner(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Its ISBN is 978-3-16-148410-0.",
         "Its I.S.B.N. is nine seven eight, three, one six, one four eight four one zero, zero."),
        ("ISBN 1-56027-287-2", "I.S.B.N. one, five six zero two seven, two eight seven, two"),
        # the other reading: "is" with no catalogue label before it
        ("The total is 978-3.", "The total is nine hundred seventy-eight-three."),
    ],
)
def test_catalogue_number_after_is(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Rates rose to 3.00%-3.25%.",
         "Rates rose to three point zero zero to three point two five percent."),
        ("A 5km-10km run", "A five to ten kilometer run"),
        ("The walls were 5m-10m high.", "The walls were five to ten meters high."),
        # the other reading: a lone minus before a percentage is a negative number
        ("It fell -5%.", "It fell minus five percent."),
    ],
)
def test_spans_with_the_unit_twice(written: str, spoken: str) -> None:
    assert said(written) == spoken
