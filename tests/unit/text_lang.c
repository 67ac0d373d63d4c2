/* Unit tests for text_lang: the same sentence (written for this test) in 27
 * languages is identified, reliably; codes and names; hints; bad input. */
#include "harness.h"
#include "text_lang.h"

static const char *const sentences[][2] = {
	{"en", "The city council voted on Tuesday to close the old harbour bridge for repairs until the end of the summer."},
	{"es", "El ayuntamiento votó el martes cerrar el viejo puente del puerto para repararlo hasta el final del verano."},
	{"fr", "Le conseil municipal a voté mardi la fermeture du vieux pont du port pour des travaux jusqu'à la fin de l'été."},
	{"de", "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke bis zum Ende des Sommers für Reparaturen zu schließen."},
	{"it", "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte del porto per lavori fino alla fine dell'estate."},
	{"pt", "A câmara municipal votou na terça-feira o encerramento da velha ponte do porto para obras até ao fim do verão."},
	{"nl", "De gemeenteraad heeft dinsdag besloten de oude havenbrug tot het einde van de zomer te sluiten voor herstelwerkzaamheden."},
	{"sv", "Kommunfullmäktige röstade på tisdagen för att stänga den gamla hamnbron för reparationer till slutet av sommaren."},
	{"da", "Byrådet stemte tirsdag for at lukke den gamle havnebro for reparationer indtil slutningen af sommeren."},
	{"no", "Bystyret vedtok tirsdag å stenge den gamle havnebrua for reparasjoner fram til slutten av sommeren, og det ble ikke enighet."},
	{"fi", "Kaupunginvaltuusto päätti tiistaina sulkea vanhan satamasillan korjauksia varten kesän loppuun asti."},
	{"pl", "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu portowego na czas remontu do końca lata."},
	{"cs", "Městská rada v úterý odhlasovala uzavření starého přístavního mostu kvůli opravám až do konce léta."},
	{"ru", "Городской совет во вторник проголосовал за закрытие старого портового моста на ремонт до конца лета."},
	{"uk", "Міська рада у вівторок проголосувала за закриття старого портового мосту на ремонт до кінця літа."},
	{"el", "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα του λιμανιού για επισκευές μέχρι το τέλος του καλοκαιριού."},
	{"tr", "Belediye meclisi salı günü eski liman köprüsünün yaz sonuna kadar onarım için kapatılmasına karar verdi."},
	{"hu", "A városi tanács kedden megszavazta, hogy a régi kikötői hidat a nyár végéig javítások miatt lezárják."},
	{"ro", "Consiliul local a votat marți închiderea vechiului pod din port pentru reparații până la sfârșitul verii."},
	{"ar", "صوت مجلس المدينة يوم الثلاثاء على إغلاق جسر الميناء القديم لإجراء إصلاحات حتى نهاية الصيف."},
	{"he", "מועצת העיר הצביעה ביום שלישי על סגירת גשר הנמל הישן לצורך תיקונים עד סוף הקיץ."},
	{"ja", "市議会は火曜日、夏の終わりまで修理のために古い港の橋を閉鎖することを決めました。"},
	{"zh", "市议会星期二投票决定关闭旧港口大桥进行维修，直到夏天结束。"},
	{"ko", "시의회는 화요일에 여름이 끝날 때까지 수리를 위해 오래된 항구 다리를 폐쇄하기로 결정했습니다."},
	{"hi", "नगर परिषद ने मंगलवार को गर्मियों के अंत तक मरम्मत के लिए पुराने बंदरगाह पुल को बंद करने का फैसला किया।"},
	{"id", "Dewan kota memutuskan pada hari Selasa untuk menutup jembatan pelabuhan lama untuk perbaikan sampai akhir musim panas."},
	{"vi", "Hội đồng thành phố đã bỏ phiếu vào thứ Ba để đóng cửa cây cầu cảng cũ để sửa chữa cho đến cuối mùa hè."},
};

static txt_lang_guess detect(const char *s, const char *hint)
{
	return txt_lang_detect(s, strlen(s), hint);
}

TEST(twenty_seven_languages)
{
	size_t n = sizeof sentences / sizeof *sentences, ok = 0;
	for (size_t i = 0; i < n; i++) {
		txt_lang_guess g = detect(sentences[i][1], NULL);
		CHECK_STR(g.code, sentences[i][0]);
		CHECK(g.reliable);
		CHECK(g.percent >= 90);
		ok += g.code && strcmp(g.code, sentences[i][0]) == 0 && g.reliable;
	}
	CHECK(n >= 20 && ok == n);
}

TEST(codes_and_names)
{
	CHECK_STR(txt_lang_code("de"), "de");
	CHECK_STR(txt_lang_code("German"), "de");
	CHECK_STR(txt_lang_code("FRENCH"), "fr");
	CHECK_STR(txt_lang_code("he"), "he"); /* CLD2 says "iw" */
	CHECK_STR(txt_lang_code("iw"), "he");
	CHECK_STR(txt_lang_code("jv"), "jv");
	CHECK(txt_lang_code("xx-nonesuch") == NULL);
	CHECK(txt_lang_code("") == NULL);
	CHECK(txt_lang_code(NULL) == NULL);
}

TEST(nothing_to_judge)
{
	CHECK(detect("", NULL).code == NULL);
	CHECK(detect("12 345 678 -- 2024", NULL).reliable == 0);
	txt_lang_guess g = txt_lang_detect("abc", 0, "en");
	CHECK(g.code == NULL && !g.reliable && g.percent == 0);
}

TEST(other_language_lines)
{
	/* chrome in another language than the page's hint stays itself */
	txt_lang_guess g = detect("Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", "en");
	CHECK_STR(g.code, "de");
	CHECK(g.reliable);
	g = detect("Suscr\xC3\xAD" "bete a nuestro bolet\xC3\xADn de noticias", "en");
	CHECK_STR(g.code, "es");
	g = detect("Subscribe to our newsletter for the latest news", "de");
	CHECK_STR(g.code, "en");
}

TEST(invalid_utf8)
{
	/* invalid bytes are read as replacement characters, not a refusal */
	const char s[] = "Der Stadtrat hat am Dienstag \xFF\xFE beschlossen, die alte "
	                 "Hafenbr\xC3\xBC" "cke bis zum Ende des Sommers zu schlie\xC3";
	txt_lang_guess g = txt_lang_detect(s, sizeof s - 1, NULL);
	CHECK_STR(g.code, "de");
	const char nul[] = "The council voted\0 to close the old harbour bridge for repairs.";
	g = txt_lang_detect(nul, sizeof nul - 1, NULL);
	CHECK_STR(g.code, "en");
}

TEST(threads_share_nothing)
{
	/* no state: the same answer twice, whatever came in between */
	txt_lang_guess a = detect(sentences[3][1], NULL);
	detect(sentences[20][1], "ja");
	txt_lang_guess b = detect(sentences[3][1], NULL);
	CHECK(a.code == b.code && a.reliable == b.reliable && a.percent == b.percent);
}

RUN_TESTS(T(twenty_seven_languages), T(codes_and_names), T(nothing_to_judge),
          T(other_language_lines), T(invalid_utf8), T(threads_share_nothing))
