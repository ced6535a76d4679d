#include "countrynames.h"

#include <QHash>
#include <QStringList>

namespace entente {

QString countryNameForCode(const QString &alpha3)
{
    static const QHash<QString, QString> names = [] {
        const char *const table
            = "AFG Afghanistan|AGO Angola|ALB Albania|AND Andorra|ARE United Arab Emirates|ARG Argentina|"
              "ARM Armenia|ATG Antigua and Barbuda|AUS Australia|AUT Austria|AZE Azerbaijan|BDI Burundi|"
              "BEL Belgium|BEN Benin|BFA Burkina Faso|BGD Bangladesh|BGR Bulgaria|BHR Bahrain|BHS Bahamas|"
              "BIH Bosnia and Herzegovina|BLR Belarus|BLZ Belize|BOL Bolivia|BRA Brazil|BRB Barbados|"
              "BRN Brunei|BTN Bhutan|BWA Botswana|CAF Central African Republic|CAN Canada|CHE Switzerland|"
              "CHL Chile|CHN China|CIV Côte d’Ivoire|CMR Cameroon|COD Democratic Republic of the Congo|"
              "COG Republic of the Congo|COL Colombia|COM Comoros|CPV Cabo Verde|CRI Costa Rica|"
              "CSK Czechoslovakia|CUB Cuba|CYP Cyprus|CZE Czechia|DDR German Democratic Republic|DEU Germany|"
              "DJI Djibouti|DMA Dominica|DNK Denmark|DOM Dominican Republic|DZA Algeria|ECU Ecuador|EGY Egypt|"
              "ERI Eritrea|ESP Spain|EST Estonia|ETH Ethiopia|EU European Union|FIN Finland|FJI Fiji|"
              "FRA France|FSM Micronesia|GAB Gabon|GBR United Kingdom|GEO Georgia|GHA Ghana|GIN Guinea|"
              "GMB Gambia|GNB Guinea-Bissau|GNQ Equatorial Guinea|GRC Greece|GRD Grenada|GTM Guatemala|"
              "GUY Guyana|HND Honduras|HRV Croatia|HTI Haiti|HUN Hungary|IDN Indonesia|IND India|IRL Ireland|"
              "IRN Iran|IRQ Iraq|ISL Iceland|ISR Israel|ITA Italy|JAM Jamaica|JOR Jordan|JPN Japan|"
              "KAZ Kazakhstan|KEN Kenya|KGZ Kyrgyzstan|KHM Cambodia|KIR Kiribati|KNA Saint Kitts and Nevis|"
              "KOR South Korea|KWT Kuwait|LAO Laos|LBN Lebanon|LBR Liberia|LBY Libya|LCA Saint Lucia|"
              "LIE Liechtenstein|LKA Sri Lanka|LSO Lesotho|LTU Lithuania|LUX Luxembourg|LVA Latvia|"
              "MAR Morocco|MCO Monaco|MDA Moldova|MDG Madagascar|MDV Maldives|MEX Mexico|MHL Marshall Islands|"
              "MKD North Macedonia|MLI Mali|MLT Malta|MMR Myanmar|MNE Montenegro|MNG Mongolia|MOZ Mozambique|"
              "MRT Mauritania|MUS Mauritius|MWI Malawi|MYS Malaysia|NAM Namibia|NER Niger|NGA Nigeria|"
              "NIC Nicaragua|NLD Netherlands|NOR Norway|NPL Nepal|NRU Nauru|NZL New Zealand|OMN Oman|"
              "PAK Pakistan|PAN Panama|PER Peru|PHL Philippines|PLW Palau|PNG Papua New Guinea|POL Poland|"
              "PRK North Korea|PRT Portugal|PRY Paraguay|PSE Palestine|QAT Qatar|ROU Romania|RUS Russia|"
              "RWA Rwanda|SAU Saudi Arabia|SDN Sudan|SEN Senegal|SGP Singapore|SLB Solomon Islands|"
              "SLE Sierra Leone|SLV El Salvador|SMR San Marino|SOM Somalia|SRB Serbia|SSD South Sudan|"
              "STP São Tomé and Príncipe|SUN Soviet Union|SUR Suriname|SVK Slovakia|SVN Slovenia|SWE Sweden|"
              "SWZ Eswatini|SYC Seychelles|SYR Syria|TCD Chad|TGO Togo|THA Thailand|TJK Tajikistan|"
              "TKM Turkmenistan|TLS Timor-Leste|TON Tonga|TTO Trinidad and Tobago|TUN Tunisia|TUR Türkiye|"
              "TUV Tuvalu|TZA Tanzania|UGA Uganda|UKR Ukraine|URY Uruguay|USA United States|UZB Uzbekistan|"
              "VAT Holy See|VCT Saint Vincent and the Grenadines|VEN Venezuela|VNM Viet Nam|VUT Vanuatu|"
              "WSM Samoa|YEM Yemen|YMD South Yemen|YUG Yugoslavia|ZAF South Africa|ZMB Zambia|ZWE Zimbabwe";
        QHash<QString, QString> h;
        for (const QString &entry : QString::fromUtf8(table).split(u'|')) {
            const qsizetype space = entry.indexOf(u' ');
            h.insert(entry.left(space), entry.mid(space + 1));
        }
        return h;
    }();
    return names.value(alpha3);
}

} // namespace entente
