"""The long tail of written forms in news copy, family by family, with the other reading where
context decides it. Sentences written for these tests, in the style of wire copy."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


def said(written: str, variety: str = "en-us") -> str:
    return speak_line(written, LEX, "never", variety)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        ("The farm covers 170 acres.", "The farm covers one hundred seventy acres.",
         "The farm covers one hundred and seventy acres."),
        ("Officials counted 1,101 ballots.", "Officials counted one thousand one hundred one ballots.",
         "Officials counted one thousand one hundred and one ballots."),
        ("It sold 18,081 copies.", "It sold eighteen thousand eighty-one copies.",
         "It sold eighteen thousand and eighty-one copies."),
        ("The 2,500-seat arena", "The two thousand five hundred-seat arena",
         "The two thousand five hundred-seat arena"),
        ("The stock closed at $125.67.",
         "The stock closed at one hundred twenty-five dollars and sixty-seven cents.",
         "The stock closed at one hundred and twenty-five dollars sixty-seven cents."),
        ("It cost £3.50.", "It cost three pounds and fifty pence.", "It cost three pounds fifty pence."),
        # the author's own words are never changed: only numbers the rules say
        ("a hundred and fifty people", "a hundred and fifty people", "a hundred and fifty people"),
    ],
)
def test_numbers_by_variety(written: str, american: str, british: str) -> None:
    assert said(written) == american
    assert said(written, "en-gb") == british


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It was ranked the NO. 1 university in the state.",
         "It was ranked the number one university in the state."),
        (
            "Drive along Route No 990 for ten miles.",
            "Drive along Route number nine hundred ninety for ten miles.",
        ),
        ("A # 14 needle was used.", "A number fourteen needle was used."),
        ("Police said the No. 2 suspect fled.", "Police said the number two suspect fled."),
        ("Nos. 3 and 4 were withdrawn.", "numbers three and four were withdrawn."),
        ("He wore the #23 jersey.", "He wore the number twenty-three jersey."),
        # the other reading: "No" that is no abbreviation
        ("No, 1 person was not enough.", "No, one person was not enough."),
        ("The No. of cases rose.", "The No. of cases rose."),
        ("#MeToo spread fast.", "hashtag MeToo spread fast."),
    ],
)
def test_number_sign(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("They moved to St Kilda last year.", "They moved to Saint Kilda last year."),
        ("It was published by St. Martin's Press.", "It was published by Saint Martin's Press."),
        ("He lives in St Louis.", "He lives in Saint Louis."),
        ("When St Louis won, fans cheered.", "When Saint Louis won, fans cheered."),
        ("The report named St. Jude Children's Research Hospital.",
         "The report named Saint Jude Children's Research Hospital."),
        # after a street name, St is Street
        ("The shop on Queen St. closed.", "The shop on Queen Street closed."),
        ("The shop on Main St closed.", "The shop on Main Street closed."),
        ("Traffic backed up on Market St. for hours.", "Traffic backed up on Market Street for hours."),
        ("The fire spread along 5th St before dawn.", "The fire spread along fifth Street before dawn."),
        ("The crash was on Sunset Blvd near Vine St.", "The crash was on Sunset Boulevard near Vine Street."),
    ],
)
def test_saint_or_street(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Dr E. T. Ridgway said the results were clear.", "Doctor E.T Ridgway said the results were clear."),
        ("We spoke to dr. Smith on Monday.", "We spoke to Doctor Smith on Monday."),
        ("Dr Anthony Fauci testified.", "Doctor Anthony Fauci testified."),
        ("Then Dr Jones left the room.", "Then Doctor Jones left the room."),
        ("Mr Sunak and Mrs Thatcher", "Mister Sunak and Misses Thatcher"),
        ("Prof Whitty spoke first.", "Professor Whitty spoke first."),
        # after a street name, Dr is Drive
        ("They live on Mulholland Dr in Los Angeles.", "They live on Mulholland Drive in Los Angeles."),
        ("The office is at 40 Lakeview Dr.", "The office is at forty Lakeview Drive."),
    ],
)
def test_doctor_or_drive(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tune in to 99.9FM tonight.", "Tune in to ninety-nine point nine F.M. tonight."),
        ("The station moved to 91.3 FM.", "The station moved to ninety-one point three F.M."),
        ("He hosted a show on 1010 AM.", "He hosted a show on ten ten A.M."),
        # the other reading: a clock time
        ("The polls open at 7 AM.", "The polls open at seven A.M."),
    ],
)
def test_radio_stations(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Registration is open beginning 3/20.", "Registration is open beginning March twentieth."),
        ("The store reopens 4/15 after repairs.", "The store reopens April fifteenth after repairs."),
        ("The deadline is 10/31 for applications.", "The deadline is October thirty-first for applications."),
        ("Polls close 11/3.", "Polls close November third."),
        ("The vote is on 1/4.", "The vote is on January fourth."),
        # the other reading: everyday fractions, and fractions of something
        ("About 3/4 of voters agreed.", "About three quarters of voters agreed."),
        ("Only 2/3 of the seats were filled.", "Only two thirds of the seats were filled."),
        ("The pipe is 5/8 inch wide.", "The pipe is five eighths inch wide."),
        ("A 3/8-inch bolt sheared.", "A three eighths-inch bolt sheared."),
        ("He ran 2 3/20 miles.", "He ran two and three twentieths miles."),
    ],
)
def test_date_or_fraction(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "ISBN 1-56027-287-2 is on the back.",
            "I.S.B.N. one, five six zero two seven, two eight seven, two is on the back.",
        ),
        (
            "See PMID 18583455 for details.",
            "See P.M.I.D. one eight five eight three four five five for details.",
        ),
        ("The study (PMID: 31978945) was retracted.",
         "The study (P.M.I.D. three one nine seven eight nine four five) was retracted."),
        (
            "Its serial number 40417 was filed off.",
            "Its serial number four zero four one seven was filed off.",
        ),
        ("Thieves used a card ending in 8876.", "Thieves used a card ending in eight eight seven six."),
        # the other reading: a year, a count
        (
            "The fiscal year ending in 2024 was hard.",
            "The fiscal year ending in twenty twenty-four was hard.",
        ),
        (
            "It holds 18583455 items.",
            "It holds eighteen million five hundred eighty-three thousand four hundred fifty-five items.",
        ),
    ],
)
def test_catalogue_numbers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The XP-75s were never built.", "The X.P.-seventy-fives were never built."),
        ("The F-35s flew over.", "The F-thirty-fives flew over."),
        ("B-52s and MiG-29s took off.", "B-fifty-twos and MiG-twenty-nines took off."),
        ("Boeing delivered 30 737s in March.", "Boeing delivered thirty seven thirty-sevens in March."),
        # the other reading: one of them, a possessive, a decade
        ("The F-35 flew over.", "The F-thirty-five flew over."),
        ("The F-16's wing broke.", "The F-sixteen's wing broke."),
        ("She is in her 30s.", "She is in her thirties."),
    ],
)
def test_model_numbers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "The Celtics improved to 17-1 with the win.",
            "The Celtics improved to seventeen and one with the win.",
        ),
        ("The Lakers fell to 3-5 after the loss.", "The Lakers fell to three and five after the loss."),
        ("They have a 10-2 record.", "They have a ten and two record."),
        (
            "The Senate voted 52-48 to confirm her.",
            "The Senate voted fifty-two to forty-eight to confirm her.",
        ),
        ("The House passed it 220-212.", "The House passed it two hundred twenty to two hundred twelve."),
        ("The court ruled 6-3 in the case.", "The court ruled six-three in the case."),
        ("The Yankees beat the Red Sox 7-2.", "The Yankees beat the Red Sox seven-two."),
        ("Dallas lost 20-7 at home.", "Dallas lost twenty to seven at home."),
        ("It passed by a 2-1 margin.", "It passed by a two to one margin."),
        # the other reading: a range, also before a comma
        ("Children ages 5-11 are eligible.", "Children ages five to eleven are eligible."),
        ("Groups of 3-6, say officials, are best.", "Groups of three to six, say officials, are best."),
        ("Expect 2-4 inches of snow.", "Expect two to four inches of snow."),
    ],
)
def test_scores_tallies_ranges(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The quarterback is 6-foot-4.", "The quarterback is six-foot-four."),
        ("The suspect is 5'10\" with brown hair.", "The suspect is five foot ten with brown hair."),
        ("He stands 6\u20322\u2033 tall.", "He stands six foot two tall."),
        ("The 5 ft. 10 in. suspect fled.", "The five feet ten inches suspect fled."),
        # the other reading: a quotation mark after a number
        ("He said '5' twice.", "He said 'five' twice."),
    ],
)
def test_heights(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Forecasters expect highs of 104F in Phoenix.",
         "Forecasters expect highs of one hundred four degrees Fahrenheit in Phoenix."),
        ("It was minus 5C in Moscow.", "It was minus five degrees Celsius in Moscow."),
        ("Temperatures will reach 95 degrees.", "Temperatures will reach ninety-five degrees."),
        ("It was 30°C in the shade.", "It was thirty degrees Celsius in the shade."),
        # the other reading: no weather near, so an apartment or a grade
        ("He lives in Apartment 4C on the third floor.", "He lives in Apartment four C on the third floor."),
        ("She got a 2F on the form.", "She got a two F on the form."),
    ],
)
def test_temperatures(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Inflation slowed to 3.2% in July.", "Inflation slowed to three point two percent in July."),
        ("The Fed raised rates by 0.75 percentage point.",
         "The Fed raised rates by zero point seven five percentage point."),
        ("The bond yield rose 25 bps.", "The bond yield rose twenty-five basis points."),
        ("Support fell 5-7%.", "Support fell five to seven percent."),
        ("a 5% rise", "a five percent rise"),
    ],
)
def test_percentages(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The horse won the 1 1/4 mile race.", "The horse won the one and a quarter mile race."),
        ("He finished 3/4 of a length ahead.", "He finished three quarters of a length ahead."),
        ("The race is 1 1/16 miles.", "The race is one and a sixteenth miles."),
        ("The colt won by 2 1/2 lengths.", "The colt won by two and a half lengths."),
    ],
)
def test_fractions_of_a_mile(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Polls close at 8 p.m. ET on Tuesday.", "Polls close at eight P.M Eastern on Tuesday."),
        ("The game starts at 7:30 p.m. PT.", "The game starts at seven thirty P.M Pacific."),
        ("The speech begins at 10 a.m. EST.", "The speech begins at ten A.M E.S.T."),
        ("The launch is at 9:15 a.m. CT.", "The launch is at nine fifteen A.M Central."),
        # the other reading: CT as a state
        ("Hartford, CT is the capital.", "Hartford, Connecticut is the capital."),
    ],
)
def test_times_with_zones(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Fashion from the '80s is back.", "Fashion from the eighties is back."),
        ("She grew up in the 1970s.", "She grew up in the nineteen seventies."),
        ("Prices rose in the 2010s.", "Prices rose in the twenty tens."),
        (
            "King Charles III was crowned in 2023.",
            "King Charles the third was crowned in twenty twenty-three.",
        ),
        ("Pope John Paul II visited in 1979.", "Pope John Paul the second visited in nineteen seventy-nine."),
        ("Queen Elizabeth II died.", "Queen Elizabeth the second died."),
        ("Apollo 11 landed in 1969.", "Apollo eleven landed in nineteen sixty-nine."),
        ("Super Bowl LVII drew a record crowd.", "Super Bowl fifty-seven drew a record crowd."),
        ("About 1999 people attended.", "About one thousand nine hundred ninety-nine people attended."),
        ("Some 1500 troops arrived.", "Some one thousand five hundred troops arrived."),
        ("From 1990 to 2015 sales doubled.", "From nineteen ninety to twenty fifteen sales doubled."),
        ("The 1999 floods hit.", "The nineteen ninety-nine floods hit."),
        # the other reading: a pronoun, and a numeral that counts
        ("Then I voted.", "Then I voted."),
        ("World War II ended in 1945.", "World War two ended in nineteen forty-five."),
    ],
)
def test_decades_and_names(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Call the hotline at 1-800-273-8255.",
         "Call the hotline at one, eight hundred, two seven three, eight two five five."),
        ("Call 202-555-0143 to reach the office.",
         "Call two zero two, five five five, zero one four three to reach the office."),
        ("Delta Flight 1086 slid off the runway.", "Delta Flight ten eighty-six slid off the runway."),
        ("Flight 93 crashed in Pennsylvania.", "Flight ninety-three crashed in Pennsylvania."),
        ("Malaysia Airlines flight 370 vanished.", "Malaysia Airlines flight three seventy vanished."),
        # the other reading: a count of flights
        ("The airline cut 370 flights.", "The airline cut three hundred seventy flights."),
    ],
)
def test_phones_and_flights(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The car gets 30 mpg in the city.", "The car gets thirty miles per gallon in the city."),
        (
            "The storm packed winds of 120 mph.",
            "The storm packed winds of one hundred twenty miles per hour.",
        ),
        (
            "It weighs 3.5 lbs. and is 12 in. long.",
            "It weighs three point five pounds and is twelve inches long.",
        ),
        ("The storm dropped 10 in. of rain.", "The storm dropped ten inches of rain."),
        ("Add 2 tbsp of sugar and 1 tsp of salt.", "Add two tablespoons of sugar and one teaspoon of salt."),
        ("The plant produces 500 MW of power.", "The plant produces five hundred megawatts of power."),
        ("Lead levels reached 15 ppb.", "Lead levels reached fifteen parts per billion."),
        ("The engine makes 300 hp.", "The engine makes three hundred horsepower."),
        ("The quake struck 10 km deep.", "The quake struck ten kilometers deep."),
        ("The tank holds 15 gal of fuel.", "The tank holds fifteen gallons of fuel."),
        ("Pressure fell to 950 mbar.", "Pressure fell to nine hundred fifty millibars."),
        # before a noun the unit is an adjective: singular, hyphenated
        ("They built a 12 km road.", "They built a twelve-kilometer road."),
        ("A 6 ft fence went up.", "A six-foot fence went up."),
        ("He is 6 ft 2 in (1.88 m) tall.", "He is six feet two inches (one point eight eight meters) tall."),
        ("The fish was 30 cm (12 in) long.", "The fish was thirty centimeters (twelve inches) long."),
        # the other reading: "in" and "m" as words
        ("He scored 5 in the first half.", "He scored five in the first half."),
        ("He came 2 in the race.", "He came two in the race."),
        ("It has 5 m fans.", "It has five million fans."),
    ],
)
def test_units(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The castle was built c. 1200.", "The castle was built circa twelve hundred."),
        ("Smith (b. 1950) and Jones (d. 2001)",
         "Smith (born nineteen fifty) and Jones (died two thousand one)"),
        ("The peak rises to 8,848 m above sea level.",
         "The peak rises to eight thousand eight hundred forty-eight meters above sea level."),
        ("The bridge is 1,280 m (4,200 ft) long.",
         "The bridge is one thousand two hundred eighty meters (four thousand two hundred feet) long."),
        ("The site received 3.5 in (89 mm) of rain.",
         "The site received three point five inches (eighty nine millimeters) of rain."),
        ("The station is at 51°30'N 0°7'W.",
         "The station is at fifty-one degrees thirty minutes north zero degrees seven minutes west."),
        ("It was rated 7.5/10 by critics.", "It was rated seven point five out of ten by critics."),
        ("Critics rated it 8/10.", "Critics rated it eight out of ten."),
        ("Edward I (r. 1272-1307)", "Edward the first (reigned twelve seventy-two to thirteen oh seven)"),
        ("The town (pop. 5,000) grew.", "The town (population five thousand) grew."),
        ("Est. 1850", "established eighteen fifty"),
        ("Sales rose in Jan-Mar.", "Sales rose in January to March."),
        # the other reading: a plain fraction, a letter after a number, "c." that is no circa
        ("About 3/10 of them left.", "About three tenths of them left."),
        ("Section c. 2 applies.", "Section c. two applies."),
        ("It may-be so.", "It may-be so."),
    ],
)
def test_reference_forms(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sen. Warren (D-Mass.) voted no.", "Senator Warren (Democrat of Massachusetts) voted no."),
        ("Rep. Smith, R-Texas, objected.", "Representative Smith, Republican of Texas, objected."),
        ("Born in Louisville, Ky., in 1942.", "Born in Louisville, Kentucky, in nineteen forty-two."),
        ("He moved to Louisville, Ky. He died there.", "He moved to Louisville, Kentucky. He died there."),
        # the other reading: D-Day, and "Miss." as a title
        ("the D-Day landings", "the D-Day landings"),
        ("She met Miss. Smith", "She met Miss. Smith"),
    ],
)
def test_states_and_parties(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The meeting is at 10.30 tomorrow morning.", "The meeting is at ten thirty tomorrow morning."),
        ("Trading stops until 9.45 when", "Trading stops until nine forty-five when"),
        ("The 911 call came at 3 a.m.", "The nine one one call came at three A.M."),
        ("Dial 999 in an emergency.", "Dial nine nine nine in an emergency."),
        ("The company has 1.5k employees.", "The company has one point five thousand employees."),
        ("It rose 2.5 pts on Monday.", "It rose two point five points on Monday."),
        ("Gen Z voters turned out.", "Gen Z voters turned out."),
        # the other reading: a decimal, a model, a general
        ("Rates held at 10.30 percent.", "Rates held at ten point three zero percent."),
        ("He drove at 5.15 miles an hour.", "He drove at five point one five miles an hour."),
        ("Porsche 911 sales rose.", "Porsche nine hundred eleven sales rose."),
        ("Gen. Milley said so.", "General Milley said so."),
    ],
)
def test_times_counts_and_codes(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        ("Arsenal beat Chelsea 2-0 on Sunday.", "Arsenal beat Chelsea two-nothing on Sunday.",
         "Arsenal beat Chelsea two-nil on Sunday."),
        ("The U-20 team won 1-0.", "The U-twenty team won one-nothing.", "The U-twenty team won one-nil."),
        # the other reading: no game in sight
        ("Set the switch to 1-0.", "Set the switch to one-zero.", "Set the switch to one-zero."),
    ],
)
def test_scores_with_no_goals(written: str, american: str, british: str) -> None:
    assert said(written) == american
    assert said(written, "en-gb") == british


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 49ers beat the 76ers fans.", "The forty-niners beat the seventy-sixers fans."),
        ("Some 1m people fled, officials said.", "Some one million people fled, officials said."),
        ("She sold 4K TVs.", "She sold four K T.V.'s."),
        # the other reading: meters
        ("Waves reached 5m high.", "Waves reached five meters high."),
        ("A 5m wall fell.", "A five-meter wall fell."),
    ],
)
def test_teams_and_scale_letters(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The A380 seats 525 passengers.", "The A-three eighty seats five hundred twenty-five passengers."),
        ("See vol. 3, p. 45.", "See volume three, page forty-five."),
        ("The team went 10-6 in 1998.", "The team went ten and six in nineteen ninety-eight."),
        ("The ratio was 3:1.", "The ratio was three to one."),
        # the other reading: a clock time, and a code that starts with digits
        ("The ratio changed at 3:15.", "The ratio changed at three fifteen."),
        ("Room 204B was locked.", "Room two zero four B was locked."),
    ],
)
def test_models_ratios_records(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The sale runs Sat. and Sun. only.", "The sale runs Saturday and Sunday only."),
        ("The meeting is on Wed. Oct. 4.", "The meeting is on Wednesday October fourth."),
        ("Gates open at 6 p.m. Sat.", "Gates open at six P.M Saturday."),
        ("It opens on Sat.", "It opens on Saturday."),
        # the other reading: the words, and a newspaper at a sentence's end
        ("He sat down and wed her in June.", "He sat down and wed her in June."),
        ("He writes for The Sun. He left.", "He writes for The Sun. He left."),
    ],
)
def test_day_names_that_are_words(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It reopens on 20/3 after repairs.", "It reopens on the twentieth of March after repairs."),
        ("The vote is on 1/4.", "The vote is on January fourth."),
        # the other reading: no date has a thirteenth month; day first needs a date word
        ("A 13/14 split", "A thirteen fourteenths split"),
        ("It is 22/3 of a unit.", "It is twenty-two thirds of a unit."),
        ("The answer was 22/3.", "The answer was twenty-two thirds."),
    ],
)
def test_numeric_dates_written_order(written: str, spoken: str) -> None:
    # the written order of a numeric date belongs to the text, so both varieties read it alike
    assert said(written) == spoken
    assert said(written, "en-gb") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The measure, H.R. 3684, passed.", "The measure, H.R. thirty-six eighty-four, passed."),
        ("Gov. Newsom signed SB 1047.", "Governor Newsom signed S.B. ten forty-seven."),
        ("The storm brought 150-mph winds.", "The storm brought one hundred fifty mile per hour winds."),
        # the other reading: a count of votes after the bill
        ("H.R. 1 passed 220-212.", "H.R. one passed two hundred twenty to two hundred twelve."),
    ],
)
def test_bills_and_rates(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Polls close at 2100 local time.", "Polls close at twenty-one hundred local time."),
        (
            "Talks begin at 0930 local (0730 GMT).",
            "Talks begin at oh nine thirty local (oh seven thirty G.M.T.).",
        ),
        ("The deadline is 1700 BST on Friday.", "The deadline is seventeen hundred B.S.T. on Friday."),
        ("Markets open at noon ET.", "Markets open at noon Eastern."),
        ("The polls shut at midnight PT.", "The polls shut at midnight Pacific."),
        # the other reading: a count before a two-letter abbreviation, noon alone
        ("Ships carried 2000 MT of wheat.", "Ships carried two thousand M.T. of wheat."),
        ("We met at noon.", "We met at noon."),
    ],
)
def test_twenty_four_hour_times_and_zones(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Highs of 30-35C are forecast.", "Highs of thirty to thirty-five degrees Celsius are forecast."),
        (
            "Temperatures of 28C-31C hit Madrid.",
            "Temperatures of twenty-eight to thirty-one degrees Celsius hit Madrid.",
        ),
        (
            "Overnight lows of -8-0C are expected.",
            "Overnight lows of minus eight to zero degrees Celsius are expected.",
        ),
        ("a heat index of 100-105F", "a heat index of one hundred to one hundred five degrees Fahrenheit"),
    ],
)
def test_spans_of_temperatures(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    "written",
    ["See rows 3-4C in the table.", "It felt hot, 20C-70F at once.", "Vitamins B-12C and 3-4F forms"],
)
def test_no_span_of_temperatures(written: str) -> None:
    """No weather near, or two scales: no temperature."""
    assert "degrees" not in said(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("An F-117 was shot down.", "An F-one seventeen was shot down."),
        ("The Tu-154 crashed on take-off.", "The Tu-one fifty-four crashed on take-off."),
        ("Traffic backed up on I-405.", "Traffic backed up on I-four oh five."),
        ("Two F-111s took off.", "Two F-one elevens took off."),
        ("India bought the S-400 system.", "India bought the S-four hundred system."),
        ("He sold his old Nokia-3310.", "He sold his old Nokia-thirty-three ten."),
        # the other reading: two digits, round thousands and a leading zero stay whole or digit by digit
        ("The F-35 flew over.", "The F-thirty-five flew over."),
        ("COVID-19 cases rose.", "covid-nineteen cases rose."),
        ("The T-2000 prototype", "The T-two thousand prototype"),
        ("Code B-052 applies.", "Code B-zero five two applies."),
    ],
)
def test_model_numbers_in_pairs(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sales rose in FY2024.", "Sales rose in fiscal year twenty twenty-four."),
        ("The FY 2025 budget passed.", "The fiscal year twenty twenty-five budget passed."),
        ("FY24 profit fell.", "fiscal year twenty-four profit fell."),
        ("the FY2024-25 plan", "the fiscal year twenty twenty-four to twenty twenty-five plan"),
        # the other reading: FYI is no fiscal year
        ("FYI 2024 was odd.", "F.Y.I. twenty twenty-four was odd."),
    ],
)
def test_fiscal_years(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Call 1-800-555-0199 for help.",
            "Call one, eight hundred, five five five, zero one nine nine for help.",
        ),
        ("Call (800) 555-0147.", "Call eight hundred, five five five, zero one four seven."),
        # the other reading: other toll-free codes, an exchange of 800, another country
        ("Call 1-888-555-0100.", "Call one, eight eight eight, five five five, zero one zero zero."),
        ("Call 212-800-1234.", "Call two one two, eight zero zero, one two three four."),
        (
            "Call +44 800 555 0199.",
            "Call plus four four, eight zero zero, five five five, zero one nine nine.",
        ),
    ],
)
def test_toll_free_numbers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Scientists found 2m-year-old tools.", "Scientists found two million-year-old tools."),
        ("It signed a 1.5bn-euro deal.", "It signed a one point five billion-euro deal."),
        ("A 10k-strong crowd marched.", "A ten thousand-strong crowd marched."),
        ("a 3bn-dollar bailout", "a three billion-dollar bailout"),
        # the other reading: meters before a measure word, a scale with no hyphen
        ("A 1.2m-high fence stands.", "A one point two-meter-high fence stands."),
        ("The site drew 1.5m visitors.", "The site drew one point five million visitors."),
    ],
)
def test_scaled_counts_as_modifiers(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The 6ft 2in striker scored.", "The six foot two striker scored."),
        ("She stands 5ft 10in.", "She stands five foot ten."),
        ("a 12ft 6in python", "a twelve foot six python"),
        # the other reading: feet alone, and "in" the preposition after a spaced number
        ("He is 6ft tall.", "He is six feet tall."),
        ("He is 6ft 2 in the morning.", "He is six feet two in the morning."),
    ],
)
def test_feet_and_inches_in_letters(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A Boeing 737-800 crashed.", "A Boeing seven thirty-seven eight hundred crashed."),
        ("The 777-300ER landed.", "The seven seventy-seven three hundred E.R. landed."),
        ("It flies an A330-200.", "It flies an A-three thirty two hundred."),
        ("Two 737-800s were grounded.", "Two seven thirty-seven eight hundreds were grounded."),
        # the other reading: ranges of seats, of units sold, a first number ending in zero
        ("The 450-500 seats sold out.", "The four hundred fifty to five hundred seats sold out."),
        ("It sold 737-800 units.", "It sold seven hundred thirty-seven to eight hundred units."),
    ],
)
def test_aircraft_variants(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Rep. Jim Banks (R-IN) objected.", "Representative Jim Banks (Republican of Indiana) objected."),
        ("Sen. Amy Klobuchar, D-MN, spoke.", "Senator Amy Klobuchar, Democrat of Minnesota, spoke."),
        ("Sen. Angus King (I-ME) voted no.", "Senator Angus King (independent of Maine) voted no."),
        # the other reading: no brackets or commas around it, no such state
        ("an R-OH bond", "an R-OH bond"),
        ("the (R-XX) code", "the (R-X.X.) code"),
    ],
)
def test_party_and_postal_code(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("#BlackLivesMatter trended.", "hashtag Black Lives Matter trended."),
        ("Fans used #StandWithUkraine.", "Fans used hashtag Stand With Ukraine."),
        ("#NHSCrisis grew.", "hashtag N.H.S Crisis grew."),
        # the other reading: one word, a brand's own capitals, a word between hashes
        ("#news today", "hashtag news today"),
        ("#iPhone launch", "hashtag eye-phone launch"),
        ("#McCain won", "hashtag McCain won"),
        ("#mytext#", "hash mytext hash"),
    ],
)
def test_hashtag_words(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Gov.-elect Josh Stein spoke.", "Governor-elect Josh Stein spoke."),
        ("Rep.-elect Ana Ruiz won.", "Representative-elect Ana Ruiz won."),
        ("Sen.-elect Tim Sheehy arrived.", "Senator-elect Tim Sheehy arrived."),
        # the other reading: the title alone, a word that is no title
        ("Gov. Josh Stein spoke.", "Governor Josh Stein spoke."),
        ("President-elect Lee spoke.", "President-elect Lee spoke."),
    ],
)
def test_titles_elect(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("PM2.5 levels doubled.", "P.M. two point five levels doubled."),
        ("The BA.2 variant spread.", "The B.A. point two variant spread."),
        ("XBB.1.5 now dominates.", "X.B.B. point one point five now dominates."),
        # the other reading: letters and a whole number
        ("N95 masks sold out.", "N ninety-five masks sold out."),
    ],
)
def test_letters_before_a_decimal(written: str, spoken: str) -> None:
    assert said(written) == spoken


def test_one_letter_and_a_part_number_is_no_variant() -> None:
    assert "point" not in said("Section A.1 applies.")
