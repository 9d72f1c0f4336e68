<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>CrashScreen</name>
    <message>
        <location filename="../../kiosk/crash.py" line="64"/>
        <source>Sorry — something went wrong.</source>
        <translation>Przepraszamy — coś poszło nie tak.</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="65"/>
        <source>Starting again…</source>
        <translation>Zaczynamy od nowa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="66"/>
        <source>Sorry — something went wrong. Starting again…</source>
        <translation>Przepraszamy — coś poszło nie tak. Zaczynamy od nowa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="70"/>
        <source>Sorry, something went wrong. Starting again.</source>
        <translation>Przepraszamy, coś poszło nie tak. Zaczynamy od nowa.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message numerus="yes">
        <location filename="../../shared/ui/pages/idle.py" line="83"/>
        <source>Do you need more time? Tap the screen to carry on. Otherwise the screen will clear in %n seconds to keep your details private.</source>
        <translation>
            <numerusform>Potrzebujesz więcej czasu? Dotknij ekranu, aby kontynuować. Jeśli nie, za %n sekundę ekran się wyczyści, żeby Twoje dane pozostały prywatne.</numerusform>
            <numerusform>Potrzebujesz więcej czasu? Dotknij ekranu, aby kontynuować. Jeśli nie, za %n sekundy ekran się wyczyści, żeby Twoje dane pozostały prywatne.</numerusform>
            <numerusform>Potrzebujesz więcej czasu? Dotknij ekranu, aby kontynuować. Jeśli nie, za %n sekund ekran się wyczyści, żeby Twoje dane pozostały prywatne.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="90"/>
        <location filename="../../shared/ui/pages/idle.py" line="96"/>
        <source>Do you need more time?</source>
        <translation>Potrzebujesz więcej czasu?</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="92"/>
        <source>The screen will clear to keep your details private. Tap anywhere to carry on.</source>
        <translation>Ekran się wyczyści, żeby Twoje dane pozostały prywatne. Dotknij ekranu w dowolnym miejscu, aby kontynuować.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="94"/>
        <location filename="../../shared/ui/pages/idle.py" line="95"/>
        <source>Yes, I need more time</source>
        <translation>Tak, potrzebuję więcej czasu</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shared/ui/pages/idle.py" line="100"/>
        <source>%n seconds left</source>
        <translation>
            <numerusform>Została %n sekunda</numerusform>
            <numerusform>Zostały %n sekundy</numerusform>
            <numerusform>Zostało %n sekund</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../kiosk/app.py" line="476"/>
        <source>We cannot find a request with that reference. Please check it.</source>
        <translation>Nie możemy znaleźć zgłoszenia o tym numerze. Sprawdź go, proszę.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="478"/>
        <source>We cannot check just now. Please try again in a few minutes.</source>
        <translation>Nie możemy teraz tego sprawdzić. Spróbuj ponownie za kilka minut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="480"/>
        <source>Sorry, that did not work. Please try again.</source>
        <translation>Przepraszamy, nie udało się. Spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="490"/>
        <source>References never use the character %1. Please check it against your receipt.</source>
        <translation>W numerach zgłoszeń nigdy nie ma znaku %1. Porównaj numer z potwierdzeniem, które masz.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="493"/>
        <source>A reference only has letters and numbers. Please check it.</source>
        <translation>Numer zgłoszenia ma tylko litery i cyfry. Sprawdź go, proszę.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="495"/>
        <source>A reference has 9 letters and numbers; this one has %1.</source>
        <translation>Numer zgłoszenia ma 9 liter i cyfr. Wpisane znaki: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="499"/>
        <source>Please type your reference.</source>
        <translation>Wpisz swój numer zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="501"/>
        <source>That reference is not quite right: one character may be mistyped, or two may be the wrong way round. Please check it and try again.</source>
        <translation>Ten numer zgłoszenia nie jest całkiem poprawny: jeden znak może być źle wpisany albo dwa znaki mogą być zamienione miejscami. Sprawdź go i spróbuj ponownie.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="270"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="272"/>
        <source>Start again</source>
        <translation>Zacznij od nowa</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="274"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="276"/>
        <source>Larger text</source>
        <translation>Większy tekst</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="279"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="282"/>
        <source>High contrast</source>
        <translation>Wysoki kontrast</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="284"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="286"/>
        <source>Read aloud</source>
        <translation>Czytaj na głos</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="289"/>
        <source>Offline: your request will still be sent</source>
        <translation>Brak połączenia: Twoje zgłoszenie i tak zostanie wysłane</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="291"/>
        <source>Thank you. Goodbye!</source>
        <translation>Dziękujemy. Do widzenia!</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="293"/>
        <source>Language</source>
        <translation>Język</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <location filename="../../shared/ui/pages/languages.py" line="80"/>
        <source>Choose your language</source>
        <translation>Wybierz swój język</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/languages.py" line="81"/>
        <location filename="../../shared/ui/pages/languages.py" line="82"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="100"/>
        <source>At sign</source>
        <translation>Małpa</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="101"/>
        <source>Full stop</source>
        <translation>Kropka</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="102"/>
        <source>Comma</source>
        <translation>Przecinek</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="103"/>
        <source>Hyphen</source>
        <translation>Myślnik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="104"/>
        <source>Underscore</source>
        <translation>Podkreślnik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="105"/>
        <source>Plus</source>
        <translation>Plus</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="106"/>
        <source>Hash</source>
        <translation>Krzyżyk</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="107"/>
        <source>Pound sign</source>
        <translation>Znak funta</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="108"/>
        <source>Ampersand</source>
        <translation>Znak „i”</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="109"/>
        <source>Open bracket</source>
        <translation>Nawias otwierający</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="110"/>
        <source>Close bracket</source>
        <translation>Nawias zamykający</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="111"/>
        <source>Apostrophe</source>
        <translation>Apostrof</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="112"/>
        <source>Quotation mark</source>
        <translation>Cudzysłów</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="113"/>
        <source>Question mark</source>
        <translation>Znak zapytania</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="114"/>
        <source>Exclamation mark</source>
        <translation>Wykrzyknik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="115"/>
        <source>Slash</source>
        <translation>Ukośnik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="116"/>
        <source>Colon</source>
        <translation>Dwukropek</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="117"/>
        <source>Semicolon</source>
        <translation>Średnik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="118"/>
        <source>Percent</source>
        <translation>Procent</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="119"/>
        <source>Asterisk</source>
        <translation>Gwiazdka</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="120"/>
        <source>Arabic comma</source>
        <translation>Przecinek arabski</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="121"/>
        <source>Arabic question mark</source>
        <translation>Arabski znak zapytania</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="122"/>
        <source>Arabic semicolon</source>
        <translation>Arabski średnik</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="123"/>
        <source>dot com</source>
        <translation>kropka com</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="124"/>
        <source>dot co dot uk</source>
        <translation>kropka co kropka uk</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="125"/>
        <source>dot gov dot uk</source>
        <translation>kropka gov kropka uk</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="126"/>
        <source>Lam alef</source>
        <translation>Lam alif</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="129"/>
        <location filename="../../shared/ui/keyboard/layouts.py" line="142"/>
        <source>Space</source>
        <translation>Spacja</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="130"/>
        <source>Backspace</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="131"/>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="132"/>
        <source>Caps Lock</source>
        <translation>Caps Lock</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="133"/>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="134"/>
        <source>New line</source>
        <translation>Nowy wiersz</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="135"/>
        <source>Hide keyboard</source>
        <translation>Ukryj klawiaturę</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="136"/>
        <source>Numbers and symbols</source>
        <translation>Cyfry i symbole</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="137"/>
        <source>Letters</source>
        <translation>Litery</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="138"/>
        <source>Capital %1</source>
        <translation>Wielka litera %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="143"/>
        <source>⌫ Delete</source>
        <translation>⌫ Usuń</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="144"/>
        <source>⇧ Shift</source>
        <translation>⇧ Shift</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="145"/>
        <source>Caps</source>
        <translation>Caps</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="146"/>
        <source>Done ✓</source>
        <translation>Gotowe ✓</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="147"/>
        <source>↵ New line</source>
        <translation>↵ Nowy wiersz</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="148"/>
        <source>▼ Hide</source>
        <translation>▼ Ukryj</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/view.py" line="210"/>
        <location filename="../../shared/ui/keyboard/view.py" line="319"/>
        <source>On-screen keyboard</source>
        <translation>Klawiatura ekranowa</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="119"/>
        <source>That PIN is not right. %n tries left.</source>
        <translation>
            <numerusform>Ten PIN jest nieprawidłowy. Została %n próba.</numerusform>
            <numerusform>Ten PIN jest nieprawidłowy. Zostały %n próby.</numerusform>
            <numerusform>Ten PIN jest nieprawidłowy. Zostało %n prób.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="130"/>
        <source>Too many wrong PINs. Try again in %n minutes.</source>
        <translation>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n minutę.</numerusform>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n minuty.</numerusform>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n minut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="132"/>
        <source>Too many wrong PINs. Try again in %n seconds.</source>
        <translation>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n sekundę.</numerusform>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n sekundy.</numerusform>
            <numerusform>Za dużo błędnych PIN-ów. Spróbuj ponownie za %n sekund.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="149"/>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="159"/>
        <source>Installer exit</source>
        <translation>Wyjście dla instalatora</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="150"/>
        <source>Enter the installer PIN to close the kiosk.</source>
        <translation>Wpisz PIN instalatora, aby zamknąć kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="151"/>
        <source>Installer PIN</source>
        <translation>PIN instalatora</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="152"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="153"/>
        <source>Delete</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="154"/>
        <source>Delete the last digit</source>
        <translation>Usuń ostatnią cyfrę</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="155"/>
        <source>Enter</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="156"/>
        <source>Enter the PIN</source>
        <translation>Zatwierdź PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="157"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="158"/>
        <source>Cancel and go back</source>
        <translation>Anuluj i wróć</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="160"/>
        <source>PIN keys</source>
        <translation>Klawisze PIN-u</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <location filename="../../shared/ui/pages/services.py" line="145"/>
        <source>All services</source>
        <translation>Wszystkie usługi</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/services.py" line="186"/>
        <source>What do you want to do?</source>
        <translation>Co chcesz zrobić?</translation>
    </message>
</context>
<context>
    <name>StartAgainConfirm</name>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="58"/>
        <source>Start again?</source>
        <translation>Zacząć od nowa?</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="59"/>
        <source>Your answers will be cleared. This cannot be undone.</source>
        <translation>Twoje odpowiedzi zostaną usunięte. Nie da się tego cofnąć.</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="61"/>
        <source>No, keep my answers</source>
        <translation>Nie, zachowaj moje odpowiedzi</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="62"/>
        <source>Yes, clear them</source>
        <translation>Tak, usuń je</translation>
    </message>
</context>
<context>
    <name>TrackView</name>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="35"/>
        <source>Received</source>
        <translation>Przyjęte</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="36"/>
        <source>Passed to the team</source>
        <translation>Przekazane do zespołu</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="37"/>
        <source>Being worked on</source>
        <translation>Zajmujemy się tym</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="38"/>
        <source>Waiting for you</source>
        <translation>Czekamy na Ciebie</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="39"/>
        <source>Done</source>
        <translation>Załatwione</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="40"/>
        <source>Closed</source>
        <translation>Zamknięte</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="41"/>
        <source>Already reported</source>
        <translation>Już zgłoszone</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="42"/>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="133"/>
        <source>Looking for your request…</source>
        <translation>Szukamy Twojego zgłoszenia…</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="159"/>
        <source>Status: %1</source>
        <translation>Stan: %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="143"/>
        <source>We aim to finish by %1</source>
        <translation>Planowany termin załatwienia: %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="161"/>
        <source>What has happened</source>
        <translation>Co się już wydarzyło</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="214"/>
        <source>Check on a request</source>
        <translation>Sprawdź zgłoszenie</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="216"/>
        <source>Type your reference. It is 9 letters and numbers, like K2A-222-2KC.</source>
        <translation>Wpisz numer zgłoszenia. Ma 9 liter i cyfr, na przykład K2A-222-2KC.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="218"/>
        <source>Your reference</source>
        <translation>Twój numer zgłoszenia</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="219"/>
        <location filename="../../shared/ui/pages/track.py" line="220"/>
        <source>Check</source>
        <translation>Sprawdź</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="140"/>
        <source>Welcome</source>
        <translation>Witamy</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="142"/>
        <source>Report a problem, apply, tell us you have moved, or give feedback.</source>
        <translation>Zgłoś problem, złóż wniosek, powiadom nas o przeprowadzce albo podziel się opinią.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="144"/>
        <location filename="../../shared/ui/pages/welcome.py" line="145"/>
        <source>Start</source>
        <translation>Zacznij</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="146"/>
        <source>Check on a request I made</source>
        <translation>Sprawdź moje zgłoszenie</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="148"/>
        <source>Choose your language</source>
        <translation>Wybierz swój język</translation>
    </message>
</context>
</TS>
