#pragma once

#include <QString>
#include <QStringView>

namespace entente {

// A cheap guess of a text's language (ISO 639-1) from the first few kilobytes: the script
// (Cyrillic: ru, Arabic: ar, Han without kana: zh, kana: ja, Hangul: ko) and, for Latin
// script, the share of very common words of en, fr, es, de and pt. Empty when unsure.
[[nodiscard]] QString guessLanguage(QStringView text);

} // namespace entente
