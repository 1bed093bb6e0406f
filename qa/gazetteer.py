"""Names of the world's countries and continents: general knowledge that no article needs to state, so that a
place asked for as a city or a town is not one of them ("In which city ...?": not "North Korea")."""

from __future__ import annotations

_COUNTRIES = """
Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia, Australia, Austria,
Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia,
Bosnia and Herzegovina, Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada,
Cape Verde, Central African Republic, Chad, Chile, China, Colombia, Comoros, Congo, Costa Rica, Croatia, Cuba, Cyprus,
Czechia, Czech Republic, Denmark, Djibouti, Dominica, Dominican Republic, East Timor, Ecuador, Egypt, El Salvador,
Equatorial Guinea, Eritrea, Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana,
Greece, Grenada, Guatemala, Guinea, Guinea-Bissau, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran,
Iraq, Ireland, Israel, Italy, Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait,
Kyrgyzstan, Laos, Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi,
Malaysia, Maldives, Mali, Malta, Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Moldova, Monaco,
Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Burma, Namibia, Nauru, Nepal, Netherlands, Holland, New Zealand,
Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman, Pakistan, Palau, Palestine, Panama,
Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda, Saint Lucia, Samoa,
San Marino, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone, Singapore, Slovakia, Slovenia, Solomon Islands,
Somalia, South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria, Taiwan,
Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey, Türkiye, Turkmenistan, Tuvalu,
Uganda, Ukraine, United Arab Emirates, UAE, United Kingdom, UK, U.K., Britain, Great Britain, England, Scotland, Wales,
Northern Ireland, United States, United States of America, US, U.S., USA, America, Uruguay, Uzbekistan, Vanuatu,
Vatican, Vatican City, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Korea, Soviet Union, USSR,
Africa, Antarctica, Asia, Europe, Oceania, North America, South America, Latin America, Middle East
"""
_NAMES = frozenset(name.strip().lower() for name in _COUNTRIES.replace("\n", " ").split(",") if name.strip())


def is_country(name: str) -> bool:
    """Whether a name is a country's or a continent's ("North Korea", "the United States", "Europe")."""
    text = " ".join(name.split()).lower()
    return (text[4:] if text.startswith("the ") else text) in _NAMES
