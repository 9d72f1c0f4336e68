<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL" sourcelanguage="en_GB">
<context>
    <name>flow</name>
    <message>
        <source>language.name</source>
        <comment>English</comment>
        <translation>Polski</translation>
    </message>
    <message>
        <source>step.place.title</source>
        <comment>Where is it?</comment>
        <translation>Gdzie to jest?</translation>
    </message>
    <message>
        <source>step.place.body</source>
        <comment>Type the postcode if you know it, then the address or the nearest address.</comment>
        <translation>Wpisz kod pocztowy, jeśli go znasz, a potem adres albo najbliższy adres.</translation>
    </message>
    <message>
        <source>step.description.title</source>
        <comment>Is there anything else you want to tell us?</comment>
        <translation>Czy chcesz nam powiedzieć coś jeszcze?</translation>
    </message>
    <message>
        <source>step.description.body</source>
        <comment>This is optional.</comment>
        <translation>To nie jest obowiązkowe.</translation>
    </message>
    <message>
        <source>step.contact.title</source>
        <comment>How can we contact you?</comment>
        <translation>Jak możemy się z Tobą skontaktować?</translation>
    </message>
    <message>
        <source>step.contact.body.optional</source>
        <comment>This is optional. If you give an email address or a mobile number, we can tell you about progress.</comment>
        <translation>To nie jest obowiązkowe. Jeśli podasz adres e-mail lub numer telefonu komórkowego, będziemy Cię informować, co dzieje się z Twoją sprawą.</translation>
    </message>
    <message>
        <source>step.contact.body.named</source>
        <comment>We need your name. If you give an email address or a mobile number, we can tell you about progress.</comment>
        <translation>Potrzebujemy Twojego imienia i nazwiska. Jeśli podasz adres e-mail lub numer telefonu komórkowego, będziemy Cię informować, co dzieje się z Twoją sprawą.</translation>
    </message>
    <message>
        <source>step.check.title</source>
        <comment>Check your answers</comment>
        <translation>Sprawdź swoje odpowiedzi</translation>
    </message>
    <message>
        <source>step.check.body</source>
        <comment>If something is wrong, press Change next to it.</comment>
        <translation>Jeśli coś się nie zgadza, naciśnij „Zmień” obok tej odpowiedzi.</translation>
    </message>
    <message>
        <source>step.confirmation.title</source>
        <comment>We have your request</comment>
        <translation>Mamy Twoje zgłoszenie</translation>
    </message>
    <message>
        <source>step.confirmation.body</source>
        <comment>Keep your reference to check on progress.</comment>
        <translation>Zachowaj numer zgłoszenia – dzięki niemu sprawdzisz, co dzieje się z Twoją sprawą.</translation>
    </message>
    <message>
        <source>step.confirmation.body.offline</source>
        <comment>Keep your reference to check on progress. This screen is offline just now: we will send your request as soon as it is back.</comment>
        <translation>Zachowaj numer zgłoszenia – dzięki niemu sprawdzisz, co dzieje się z Twoją sprawą. Ten ekran nie ma teraz połączenia z siecią: wyślemy Twoje zgłoszenie, gdy tylko połączenie wróci.</translation>
    </message>
    <message>
        <source>step.feedback.title</source>
        <comment>How was using this screen today?</comment>
        <translation>Jak Ci się dziś korzystało z tego ekranu?</translation>
    </message>
    <message>
        <source>field.place.postcode.label</source>
        <comment>Postcode</comment>
        <translation>Kod pocztowy</translation>
    </message>
    <message>
        <source>field.place.postcode.hint</source>
        <comment>For example, SW1A 1AA. Leave this blank if you do not know it.</comment>
        <translation>Na przykład SW1A 1AA. Jeśli go nie znasz, zostaw to pole puste.</translation>
    </message>
    <message>
        <source>field.place.address.label</source>
        <comment>Address</comment>
        <translation>Adres</translation>
    </message>
    <message>
        <source>field.place.address.hint</source>
        <comment>The address, or the nearest address.</comment>
        <translation>Adres albo najbliższy adres.</translation>
    </message>
    <message>
        <source>field.place.uprn.label</source>
        <comment>Property number</comment>
        <translation>Numer nieruchomości</translation>
    </message>
    <message>
        <source>field.description.text.label</source>
        <comment>Tell us more</comment>
        <translation>Powiedz nam więcej</translation>
    </message>
    <message>
        <source>field.description.text.hint</source>
        <comment>For example, what it looks like or how to find it.</comment>
        <translation>Na przykład, jak to wygląda albo jak to znaleźć.</translation>
    </message>
    <message>
        <source>field.contact.first_name.label</source>
        <comment>First name</comment>
        <translation>Imię</translation>
    </message>
    <message>
        <source>field.contact.last_name.label</source>
        <comment>Last name</comment>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>field.contact.email.label</source>
        <comment>Email address</comment>
        <translation>Adres e-mail</translation>
    </message>
    <message>
        <source>field.contact.phone.label</source>
        <comment>Phone number</comment>
        <translation>Numer telefonu</translation>
    </message>
    <message>
        <source>field.contact.phone.hint</source>
        <comment>A mobile number if you want a text message.</comment>
        <translation>Numer komórkowy, jeśli chcesz dostać SMS.</translation>
    </message>
    <message>
        <source>field.contact.notify_by.label</source>
        <comment>Send me a confirmation</comment>
        <translation>Wyślij mi potwierdzenie</translation>
    </message>
    <message>
        <source>field.contact.notify_by.hint</source>
        <comment>Choose none, one or both.</comment>
        <translation>Możesz wybrać jedno, oba albo żadne.</translation>
    </message>
    <message>
        <source>field.feedback.rating.label</source>
        <comment>How was it? (optional)</comment>
        <translation>Jak było? (nieobowiązkowe)</translation>
    </message>
    <message>
        <source>field.feedback.reason.label</source>
        <comment>Tell us why (optional)</comment>
        <translation>Powiedz nam dlaczego (nieobowiązkowe)</translation>
    </message>
    <message>
        <source>option.notify_by.sms</source>
        <comment>By text message</comment>
        <translation>SMS-em</translation>
    </message>
    <message>
        <source>option.notify_by.email</source>
        <comment>By email</comment>
        <translation>E-mailem</translation>
    </message>
    <message>
        <source>option.rating.good</source>
        <comment>Good</comment>
        <translation>Dobrze</translation>
    </message>
    <message>
        <source>option.rating.average</source>
        <comment>Average</comment>
        <translation>Średnio</translation>
    </message>
    <message>
        <source>option.rating.poor</source>
        <comment>Poor</comment>
        <translation>Źle</translation>
    </message>
    <message>
        <source>check.name</source>
        <comment>Name</comment>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>check.not_answered</source>
        <comment>Not answered</comment>
        <translation>Brak odpowiedzi</translation>
    </message>
    <message>
        <source>answer.required</source>
        <comment>Please answer this question.</comment>
        <translation>Odpowiedz na to pytanie.</translation>
    </message>
    <message>
        <source>answer.not_text</source>
        <comment>Please type your answer as words.</comment>
        <translation>Wpisz odpowiedź słowami.</translation>
    </message>
    <message>
        <source>answer.too_long</source>
        <comment>Please keep this to {limit} characters or fewer (it has {length}).</comment>
        <translation>Ta odpowiedź jest za długa. Najwięcej znaków: {limit}, a wpisano: {length}.</translation>
    </message>
    <message>
        <source>answer.choose_one</source>
        <comment>Please choose one of the options.</comment>
        <translation>Wybierz jedną z odpowiedzi.</translation>
    </message>
    <message>
        <source>answer.choose_from</source>
        <comment>Please choose from the options shown.</comment>
        <translation>Wybierz spośród pokazanych odpowiedzi.</translation>
    </message>
    <message>
        <source>answer.not_number</source>
        <comment>Please type a number, like 3.</comment>
        <translation>Wpisz liczbę, na przykład 3.</translation>
    </message>
    <message>
        <source>answer.too_small</source>
        <comment>Please type a number of {minimum} or more.</comment>
        <translation>Wpisz liczbę równą {minimum} lub większą.</translation>
    </message>
    <message>
        <source>answer.too_large</source>
        <comment>Please type a number of {maximum} or less.</comment>
        <translation>Wpisz liczbę równą {maximum} lub mniejszą.</translation>
    </message>
    <message>
        <source>answer.not_datetime</source>
        <comment>Please give a date and time.</comment>
        <translation>Podaj datę i godzinę.</translation>
    </message>
    <message>
        <source>answer.no_time_zone</source>
        <comment>Please give the date and time with its time zone.</comment>
        <translation>Podaj datę i godzinę razem ze strefą czasową.</translation>
    </message>
    <message>
        <source>place.address.required</source>
        <comment>Please type the address, or the nearest address.</comment>
        <translation>Wpisz adres albo najbliższy adres.</translation>
    </message>
    <message>
        <source>place.postcode.invalid</source>
        <comment>Please type a UK postcode, like SW1A 1AA, or leave it blank.</comment>
        <translation>Wpisz brytyjski kod pocztowy, na przykład SW1A 1AA, albo zostaw to pole puste.</translation>
    </message>
    <message>
        <source>place.uprn.invalid</source>
        <comment>This property number is not right. Please type the address instead.</comment>
        <translation>Ten numer nieruchomości jest nieprawidłowy. Zamiast niego wpisz adres.</translation>
    </message>
    <message>
        <source>contact.first_name.required</source>
        <comment>Please type your first name.</comment>
        <translation>Wpisz swoje imię.</translation>
    </message>
    <message>
        <source>contact.last_name.required</source>
        <comment>Please type your last name.</comment>
        <translation>Wpisz swoje nazwisko.</translation>
    </message>
    <message>
        <source>contact.email.invalid</source>
        <comment>Please type an email address like name@example.com.</comment>
        <translation>Wpisz adres e-mail, na przykład imie@example.com.</translation>
    </message>
    <message>
        <source>contact.email.needed</source>
        <comment>To send you an email we need your email address.</comment>
        <translation>Aby wysłać Ci e-mail, potrzebujemy Twojego adresu e-mail.</translation>
    </message>
    <message>
        <source>contact.phone.invalid</source>
        <comment>Please type a UK phone number, like 07700 900123.</comment>
        <translation>Wpisz brytyjski numer telefonu, na przykład 07700 900123.</translation>
    </message>
    <message>
        <source>contact.phone.needed</source>
        <comment>To send you a text message we need your mobile number.</comment>
        <translation>Aby wysłać Ci SMS, potrzebujemy Twojego numeru komórkowego.</translation>
    </message>
    <message>
        <source>contact.phone.not_mobile</source>
        <comment>To send you a text message we need a mobile number, starting 07.</comment>
        <translation>Aby wysłać Ci SMS, potrzebujemy numeru komórkowego zaczynającego się od 07.</translation>
    </message>
    <message>
        <source>answer.invalid</source>
        <comment>Please check this answer.</comment>
        <translation>Sprawdź tę odpowiedź.</translation>
    </message>
    <message>
        <source>screen.progress</source>
        <comment>Step {number} of {count}</comment>
        <translation>Krok {number} z {count}</translation>
    </message>
    <message>
        <source>screen.continue</source>
        <comment>Continue</comment>
        <translation>Dalej</translation>
    </message>
    <message>
        <source>screen.back</source>
        <comment>Back</comment>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>screen.change</source>
        <comment>Change</comment>
        <translation>Zmień</translation>
    </message>
    <message>
        <source>screen.submit</source>
        <comment>Send my request</comment>
        <translation>Wyślij moje zgłoszenie</translation>
    </message>
    <message>
        <source>screen.finish</source>
        <comment>Finish</comment>
        <translation>Zakończ</translation>
    </message>
    <message>
        <source>screen.skip</source>
        <comment>Skip</comment>
        <translation>Pomiń</translation>
    </message>
    <message>
        <source>screen.errors.title</source>
        <comment>There is a problem</comment>
        <translation>Coś trzeba poprawić</translation>
    </message>
    <message>
        <source>screen.reference.label</source>
        <comment>Your reference</comment>
        <translation>Twój numer zgłoszenia</translation>
    </message>
    <message>
        <source>screen.qr.caption</source>
        <comment>Scan this with your phone to check progress</comment>
        <translation>Zeskanuj ten kod telefonem, aby sprawdzać, co dzieje się z Twoją sprawą</translation>
    </message>
    <message>
        <source>screen.next.title</source>
        <comment>What happens next</comment>
        <translation>Co dalej</translation>
    </message>
    <message>
        <source>screen.next.reply.one</source>
        <comment>We will reply within 1 working day.</comment>
        <translation>Odpowiemy w ciągu 1 dnia roboczego.</translation>
    </message>
    <message>
        <source>screen.next.reply</source>
        <comment>We will reply within {days} working days.</comment>
        <translation>Odpowiemy w ciągu {days} dni roboczych.</translation>
    </message>
    <message>
        <source>screen.address.find</source>
        <comment>Find address</comment>
        <translation>Znajdź adres</translation>
    </message>
    <message>
        <source>screen.address.choose</source>
        <comment>Choose the address</comment>
        <translation>Wybierz adres</translation>
    </message>
    <message>
        <source>screen.address.manual</source>
        <comment>I cannot find it: type the address</comment>
        <translation>Nie mogę go znaleźć: wpisz adres</translation>
    </message>
    <message>
        <source>screen.address.none</source>
        <comment>We could not find addresses for this postcode. Please type the address.</comment>
        <translation>Nie znaleźliśmy adresów dla tego kodu pocztowego. Wpisz adres.</translation>
    </message>
    <message>
        <source>screen.date.day</source>
        <comment>Day</comment>
        <translation>Dzień</translation>
    </message>
    <message>
        <source>screen.date.month</source>
        <comment>Month</comment>
        <translation>Miesiąc</translation>
    </message>
    <message>
        <source>screen.date.year</source>
        <comment>Year</comment>
        <translation>Rok</translation>
    </message>
    <message>
        <source>screen.date.hour</source>
        <comment>Hour</comment>
        <translation>Godzina</translation>
    </message>
    <message>
        <source>screen.date.minute</source>
        <comment>Minute</comment>
        <translation>Minuta</translation>
    </message>
    <message>
        <source>screen.date.earlier</source>
        <comment>Earlier</comment>
        <translation>Wcześniej</translation>
    </message>
    <message>
        <source>screen.date.later</source>
        <comment>Later</comment>
        <translation>Później</translation>
    </message>
    <message>
        <source>screen.number.less</source>
        <comment>Less</comment>
        <translation>Mniej</translation>
    </message>
    <message>
        <source>screen.number.more</source>
        <comment>More</comment>
        <translation>Więcej</translation>
    </message>
    <message>
        <source>help.button</source>
        <comment>Help me</comment>
        <translation>Pomocy</translation>
    </message>
    <message>
        <source>help.waiting.title</source>
        <comment>Help is on the way</comment>
        <translation>Pomoc jest w drodze</translation>
    </message>
    <message>
        <source>help.waiting.body</source>
        <comment>Someone will come to you. You can carry on while you wait.</comment>
        <translation>Ktoś zaraz do Ciebie podejdzie. Możesz kontynuować w czasie oczekiwania.</translation>
    </message>
    <message>
        <source>help.cancel</source>
        <comment>Cancel help</comment>
        <translation>Anuluj pomoc</translation>
    </message>
    <message>
        <source>help.claimed.title</source>
        <comment>{name} from the help desk is helping you</comment>
        <translation>{name} z punktu pomocy pomaga Ci</translation>
    </message>
    <message>
        <source>help.claimed.body</source>
        <comment>They can see this screen, but not your private answers.</comment>
        <translation>Ta osoba widzi ten ekran, ale nie widzi Twoich prywatnych odpowiedzi.</translation>
    </message>
    <message>
        <source>help.stop_sharing</source>
        <comment>Stop sharing</comment>
        <translation>Przestań udostępniać</translation>
    </message>
    <message>
        <source>help.coming</source>
        <comment>{name} is coming over to you now.</comment>
        <translation>{name} idzie teraz do Ciebie.</translation>
    </message>
    <message>
        <source>help.ended</source>
        <comment>The helper has finished. You can carry on.</comment>
        <translation>Pomoc się zakończyła. Możesz kontynuować.</translation>
    </message>
    <message>
        <source>help.tip.from</source>
        <comment>A tip from {name}</comment>
        <translation>Wskazówka od: {name}</translation>
    </message>
    <message>
        <source>help.tip.dismiss</source>
        <comment>Got it</comment>
        <translation>Rozumiem</translation>
    </message>
    <message>
        <source>help.fill.title</source>
        <comment>{name} at the desk would like to type this for you</comment>
        <translation>{name} z punktu obsługi chce wpisać to za Ciebie</translation>
    </message>
    <message>
        <source>help.fill.body</source>
        <comment>In the box “{field}”. You will see it appear there, and you can change it.</comment>
        <translation>W polu „{field}”. Zobaczysz, jak się tam pojawia, i możesz to zmienić.</translation>
    </message>
    <message>
        <source>help.fill.allow</source>
        <comment>Allow</comment>
        <translation>Zezwól</translation>
    </message>
    <message>
        <source>help.fill.decline</source>
        <comment>No thanks</comment>
        <translation>Nie, dziękuję</translation>
    </message>
    <message>
        <source>help.fill.typed</source>
        <comment>I have typed this for you. Please check it.</comment>
        <translation>To zostało wpisane za Ciebie. Sprawdź, proszę.</translation>
    </message>
    <message>
        <source>help.unavailable</source>
        <comment>Help cannot be called from this screen just now. Please ask a member of staff nearby.</comment>
        <translation>Nie można teraz wezwać pomocy z tego ekranu. Poproś o pomoc pracownika w pobliżu.</translation>
    </message>
    <message>
        <source>help.remote.body</source>
        <comment>No one is at the desk here just now. A member of staff at {place} will help you through this screen.</comment>
        <translation>Nikogo nie ma teraz przy tutejszym stanowisku. Pracownik z {place} pomoże Ci przez ten ekran.</translation>
    </message>
    <message>
        <source>help.closed.title</source>
        <comment>Sorry, we are closed</comment>
        <translation>Przepraszamy, jest zamknięte</translation>
    </message>
    <message>
        <source>help.closed.body</source>
        <comment>{place} is closed just now, so no one can come to help. You can carry on, or come back when we are open.</comment>
        <translation>{place} jest teraz zamknięte, więc nikt nie może przyjść z pomocą. Możesz kontynuować albo wrócić, gdy będzie otwarte.</translation>
    </message>
    <message>
        <source>help.timed_out</source>
        <comment>No one was free to answer your request for help. You can carry on, or ask a member of staff.</comment>
        <translation>Nikt nie mógł odpowiedzieć na Twoją prośbę o pomoc. Możesz kontynuować albo zapytać pracownika.</translation>
    </message>
    <message>
        <source>speak.button</source>
        <comment>Speak to someone</comment>
        <translation>Porozmawiaj z kimś</translation>
    </message>
    <message>
        <source>speak.title</source>
        <comment>Speak to someone</comment>
        <translation>Porozmawiaj z kimś</translation>
    </message>
    <message>
        <source>speak.body</source>
        <comment>We will give you a number and call it when someone is free to see you.</comment>
        <translation>Dostaniesz numer. Wywołamy go, gdy ktoś będzie mógł Cię przyjąć.</translation>
    </message>
    <message>
        <source>speak.phone</source>
        <comment>Your mobile number (you can leave it blank)</comment>
        <translation>Twój numer komórki (możesz zostawić puste)</translation>
    </message>
    <message>
        <source>speak.phone_hint</source>
        <comment>We will send you a text when we call your number.</comment>
        <translation>Wyślemy Ci SMS, gdy wywołamy Twój numer.</translation>
    </message>
    <message>
        <source>speak.get</source>
        <comment>Get a number</comment>
        <translation>Pobierz numer</translation>
    </message>
    <message>
        <source>speak.done</source>
        <comment>Done</comment>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>speak.number</source>
        <comment>Your number is {ticket}</comment>
        <translation>Twój numer to {ticket}</translation>
    </message>
    <message>
        <source>speak.ahead</source>
        <comment>People waiting before you: {count}</comment>
        <translation>Osoby czekające przed Tobą: {count}</translation>
    </message>
    <message>
        <source>speak.next</source>
        <comment>You are next.</comment>
        <translation>Jesteś następny w kolejce.</translation>
    </message>
    <message>
        <source>speak.texted</source>
        <comment>We will text you when we call your number.</comment>
        <translation>Wyślemy Ci SMS, gdy wywołamy Twój numer.</translation>
    </message>
    <message>
        <source>speak.bad_phone</source>
        <comment>That does not look like a UK phone number. Please check it, or leave it blank.</comment>
        <translation>To nie wygląda na brytyjski numer telefonu. Sprawdź go albo zostaw puste.</translation>
    </message>
    <message>
        <source>speak.unavailable</source>
        <comment>We cannot give you a number from this screen just now. Please go to the desk and we will help you.</comment>
        <translation>Nie możemy teraz dać Ci numeru z tego ekranu. Podejdź do stanowiska, a pomożemy Ci.</translation>
    </message>
    <message>
        <source>arrive.button</source>
        <comment>I have an appointment</comment>
        <translation>Mam umówioną wizytę</translation>
    </message>
    <message>
        <source>arrive.title</source>
        <comment>I have an appointment</comment>
        <translation>Mam umówioną wizytę</translation>
    </message>
    <message>
        <source>arrive.reference</source>
        <comment>Your appointment reference</comment>
        <translation>Numer Twojej wizyty</translation>
    </message>
    <message>
        <source>arrive.hint</source>
        <comment>It starts with AP. You will find it on your confirmation.</comment>
        <translation>Zaczyna się od AP. Znajdziesz go w potwierdzeniu.</translation>
    </message>
    <message>
        <source>arrive.check_in</source>
        <comment>Check in</comment>
        <translation>Zgłoś przybycie</translation>
    </message>
    <message>
        <source>arrive.thanks</source>
        <comment>Thank you. Please take a seat; we will call you.</comment>
        <translation>Dziękujemy. Usiądź, proszę; wywołamy Cię.</translation>
    </message>
    <message>
        <source>arrive.empty</source>
        <comment>Please type your appointment reference.</comment>
        <translation>Wpisz numer swojej wizyty.</translation>
    </message>
    <message>
        <source>arrive.invalid</source>
        <comment>That reference is not quite right. Please check it against your confirmation.</comment>
        <translation>Ten numer nie jest całkiem poprawny. Sprawdź go w potwierdzeniu.</translation>
    </message>
    <message>
        <source>arrive.not_found</source>
        <comment>We cannot find an appointment with that reference. Please check it, or ask at the desk.</comment>
        <translation>Nie możemy znaleźć wizyty o tym numerze. Sprawdź go albo zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>arrive.elsewhere</source>
        <comment>This appointment is at another place. Please check your confirmation, or ask at the desk.</comment>
        <translation>Ta wizyta jest w innym miejscu. Sprawdź potwierdzenie albo zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>arrive.other_day</source>
        <comment>Your appointment is on {when}. Please come then, or ask at the desk.</comment>
        <translation>Twoja wizyta jest zaplanowana na {when}. Przyjdź wtedy albo zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>arrive.cancelled</source>
        <comment>This appointment was cancelled. Please ask at the desk.</comment>
        <translation>Ta wizyta została odwołana. Zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>arrive.failed</source>
        <comment>Sorry, we cannot check you in here. Please ask at the desk.</comment>
        <translation>Przepraszamy, nie możemy Cię tu zgłosić. Zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>arrive.unavailable</source>
        <comment>We cannot check you in from this screen just now. Please tell the desk you are here.</comment>
        <translation>Nie możemy teraz zgłosić Twojego przybycia z tego ekranu. Powiedz przy stanowisku, że już jesteś.</translation>
    </message>
    <message>
        <source>arrive.scan_not_ours</source>
        <comment>That code is not one of our appointments. Please scan the QR code on your appointment confirmation, or type its reference.</comment>
        <translation>Ten kod nie dotyczy żadnej z naszych wizyt. Zeskanuj kod QR z potwierdzenia wizyty albo wpisz jej numer.</translation>
    </message>
    <message>
        <source>book.button</source>
        <comment>Book an appointment</comment>
        <translation>Umów wizytę</translation>
    </message>
    <message>
        <source>book.tile</source>
        <comment>Book an appointment: {service}</comment>
        <translation>Umów wizytę: {service}</translation>
    </message>
    <message>
        <source>book.pick.title</source>
        <comment>Choose a day and time</comment>
        <translation>Wybierz dzień i godzinę</translation>
    </message>
    <message>
        <source>book.pick.times</source>
        <comment>Free times on {day}</comment>
        <translation>Wolne godziny: {day}</translation>
    </message>
    <message>
        <source>book.looking</source>
        <comment>Looking for free times…</comment>
        <translation>Szukamy wolnych terminów…</translation>
    </message>
    <message>
        <source>book.none</source>
        <comment>There are no free times here in the next few days. Please ask at the desk.</comment>
        <translation>W najbliższych dniach nie ma tu wolnych terminów. Zapytaj przy stanowisku obsługi.</translation>
    </message>
    <message>
        <source>book.taken</source>
        <comment>Sorry, that time has just been taken. Please choose another.</comment>
        <translation>Przepraszamy, ktoś właśnie zajął ten termin. Wybierz inny.</translation>
    </message>
    <message>
        <source>book.details.title</source>
        <comment>Your name and how to reach you</comment>
        <translation>Twoje imię i nazwisko oraz kontakt</translation>
    </message>
    <message>
        <source>book.details.body</source>
        <comment>If you give a mobile number or an email address, we will send you the booking and a reminder the day before.</comment>
        <translation>Jeśli podasz numer komórki lub adres e-mail, wyślemy Ci szczegóły wizyty, a dzień wcześniej przypomnienie.</translation>
    </message>
    <message>
        <source>book.name</source>
        <comment>Your name</comment>
        <translation>Twoje imię i nazwisko</translation>
    </message>
    <message>
        <source>book.phone</source>
        <comment>Your mobile number (you can leave it blank)</comment>
        <translation>Twój numer komórki (możesz zostawić puste)</translation>
    </message>
    <message>
        <source>book.email</source>
        <comment>Your email address (you can leave it blank)</comment>
        <translation>Twój adres e-mail (możesz zostawić puste)</translation>
    </message>
    <message>
        <source>book.name.required</source>
        <comment>Please type your name.</comment>
        <translation>Wpisz swoje imię i nazwisko.</translation>
    </message>
    <message>
        <source>book.check.title</source>
        <comment>Check your booking</comment>
        <translation>Sprawdź swoją rezerwację</translation>
    </message>
    <message>
        <source>book.row.service</source>
        <comment>Appointment</comment>
        <translation>Wizyta</translation>
    </message>
    <message>
        <source>book.row.when</source>
        <comment>Day and time</comment>
        <translation>Dzień i godzina</translation>
    </message>
    <message>
        <source>book.row.name</source>
        <comment>Name</comment>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>book.row.phone</source>
        <comment>Mobile number</comment>
        <translation>Numer komórki</translation>
    </message>
    <message>
        <source>book.row.email</source>
        <comment>Email address</comment>
        <translation>Adres e-mail</translation>
    </message>
    <message>
        <source>book.confirm</source>
        <comment>Book this time</comment>
        <translation>Zarezerwuj ten termin</translation>
    </message>
    <message>
        <source>book.done.title</source>
        <comment>Your appointment is booked</comment>
        <translation>Twoja wizyta jest umówiona</translation>
    </message>
    <message>
        <source>book.done.when</source>
        <comment>{when}, at {place}</comment>
        <translation>{when}, {place}</translation>
    </message>
    <message>
        <source>book.done.qr</source>
        <comment>Scan this with your phone to see your appointment</comment>
        <translation>Zeskanuj ten kod telefonem, aby zobaczyć swoją wizytę</translation>
    </message>
    <message>
        <source>book.done.sent</source>
        <comment>We are sending the details to you now, and a reminder the day before.</comment>
        <translation>Wysyłamy Ci teraz szczegóły, a dzień przed wizytą przypomnienie.</translation>
    </message>
    <message>
        <source>book.done.keep</source>
        <comment>Please keep your reference: you will need it when you come.</comment>
        <translation>Zachowaj ten numer zgłoszenia: będzie potrzebny, gdy przyjdziesz.</translation>
    </message>
    <message>
        <source>book.unavailable</source>
        <comment>We cannot book appointments from this screen just now. Please ask at the desk, or try again later.</comment>
        <translation>Nie możemy teraz umówić wizyty z tego ekranu. Zapytaj przy stanowisku obsługi albo spróbuj później.</translation>
    </message>
    <message>
        <source>book.failed</source>
        <comment>Sorry, that did not work. Please try again, or ask at the desk.</comment>
        <translation>Przepraszamy, nie udało się. Spróbuj jeszcze raz albo zapytaj przy stanowisku obsługi.</translation>
    </message>
    <message>
        <source>manage.button</source>
        <comment>Change or cancel an appointment</comment>
        <translation>Zmień lub odwołaj wizytę</translation>
    </message>
    <message>
        <source>manage.find.title</source>
        <comment>Find your appointment</comment>
        <translation>Znajdź swoją wizytę</translation>
    </message>
    <message>
        <source>manage.find.body</source>
        <comment>We ask for both so that only you can change your appointment.</comment>
        <translation>Prosimy o oba, aby nikt poza Tobą nie mógł zmienić Twojej wizyty.</translation>
    </message>
    <message>
        <source>manage.reference</source>
        <comment>Your appointment reference (it starts with AP)</comment>
        <translation>Numer Twojej wizyty (zaczyna się od AP)</translation>
    </message>
    <message>
        <source>manage.contact</source>
        <comment>The mobile number or email address you gave when you booked</comment>
        <translation>Numer komórki lub adres e-mail podany przy rezerwacji</translation>
    </message>
    <message>
        <source>manage.contact.required</source>
        <comment>Please type the mobile number or email address you gave when you booked.</comment>
        <translation>Wpisz numer komórki lub adres e-mail podany przy rezerwacji.</translation>
    </message>
    <message>
        <source>manage.find</source>
        <comment>Find my appointment</comment>
        <translation>Znajdź moją wizytę</translation>
    </message>
    <message>
        <source>manage.found.title</source>
        <comment>Your appointment</comment>
        <translation>Twoja wizyta</translation>
    </message>
    <message>
        <source>manage.row.where</source>
        <comment>Place</comment>
        <translation>Miejsce</translation>
    </message>
    <message>
        <source>manage.row.reference</source>
        <comment>Your reference</comment>
        <translation>Numer wizyty</translation>
    </message>
    <message>
        <source>manage.row.now</source>
        <comment>Day and time now</comment>
        <translation>Obecny dzień i godzina</translation>
    </message>
    <message>
        <source>manage.row.new</source>
        <comment>New day and time</comment>
        <translation>Nowy dzień i godzina</translation>
    </message>
    <message>
        <source>manage.move</source>
        <comment>Change the time</comment>
        <translation>Zmień termin</translation>
    </message>
    <message>
        <source>manage.cancel</source>
        <comment>Cancel it</comment>
        <translation>Odwołaj wizytę</translation>
    </message>
    <message>
        <source>manage.cancel.title</source>
        <comment>Cancel this appointment?</comment>
        <translation>Odwołać tę wizytę?</translation>
    </message>
    <message>
        <source>manage.cancel.body</source>
        <comment>If you cancel it, someone else can have this time.</comment>
        <translation>Jeśli ją odwołasz, ten termin będzie mogła zająć inna osoba.</translation>
    </message>
    <message>
        <source>manage.cancel.yes</source>
        <comment>Yes, cancel it</comment>
        <translation>Tak, odwołaj wizytę</translation>
    </message>
    <message>
        <source>manage.cancel.no</source>
        <comment>No, keep it</comment>
        <translation>Nie, zostaw wizytę</translation>
    </message>
    <message>
        <source>manage.move.title</source>
        <comment>Change to this time?</comment>
        <translation>Zmienić na ten termin?</translation>
    </message>
    <message>
        <source>manage.move.yes</source>
        <comment>Change to this time</comment>
        <translation>Zmień na ten termin</translation>
    </message>
    <message>
        <source>manage.cancelled.title</source>
        <comment>Your appointment is cancelled</comment>
        <translation>Twoja wizyta jest odwołana</translation>
    </message>
    <message>
        <source>manage.cancelled.next</source>
        <comment>You do not need to do anything else.</comment>
        <translation>Nie musisz robić nic więcej.</translation>
    </message>
    <message>
        <source>manage.moved.title</source>
        <comment>Your appointment has been moved</comment>
        <translation>Termin Twojej wizyty został zmieniony</translation>
    </message>
    <message>
        <source>manage.moved.next</source>
        <comment>Your reference stays the same. Please keep it: you will need it when you come.</comment>
        <translation>Numer wizyty się nie zmienia. Zachowaj go: będzie potrzebny, gdy przyjdziesz.</translation>
    </message>
    <message>
        <source>manage.not_found</source>
        <comment>We cannot find an appointment with that reference and that mobile number or email address. Please check them, or ask at the desk.</comment>
        <translation>Nie możemy znaleźć wizyty o tym numerze z tym numerem komórki lub adresem e-mail. Sprawdź je albo zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>manage.already_cancelled</source>
        <comment>This appointment has already been cancelled. You do not need to do anything else.</comment>
        <translation>Ta wizyta została już odwołana. Nie musisz robić nic więcej.</translation>
    </message>
    <message>
        <source>manage.too_late</source>
        <comment>It is too late to change this appointment here. Please ask at the desk.</comment>
        <translation>Na zmianę tej wizyty tutaj jest już za późno. Zapytaj przy stanowisku.</translation>
    </message>
    <message>
        <source>manage.unavailable</source>
        <comment>We cannot change appointments from this screen just now. Please ask at the desk, or try again later.</comment>
        <translation>Nie możemy teraz zmieniać wizyt z tego ekranu. Zapytaj przy stanowisku obsługi albo spróbuj później.</translation>
    </message>
    <message>
        <source>kiosk.out_of_order.title</source>
        <comment>This screen is out of order</comment>
        <translation>Ten ekran jest nieczynny</translation>
    </message>
    <message>
        <source>kiosk.out_of_order.body</source>
        <comment>Please use another screen, or ask a member of staff.</comment>
        <translation>Skorzystaj z innego ekranu lub poproś o pomoc pracownika.</translation>
    </message>
    <message>
        <source>tip.press_next</source>
        <comment>When this screen is done, press Continue at the bottom.</comment>
        <translation>Gdy skończysz na tym ekranie, naciśnij Dalej na dole.</translation>
    </message>
    <message>
        <source>tip.touch_box</source>
        <comment>Touch the white box first, then type on the keyboard on the screen.</comment>
        <translation>Najpierw dotknij białego pola, a potem pisz na klawiaturze na ekranie.</translation>
    </message>
    <message>
        <source>tip.postcode</source>
        <comment>Type your postcode, press Find address, then choose yours from the list.</comment>
        <translation>Wpisz kod pocztowy, naciśnij Znajdź adres, a potem wybierz swój z listy.</translation>
    </message>
    <message>
        <source>tip.email_example</source>
        <comment>An email address looks like name@example.com. You can leave it blank.</comment>
        <translation>Adres e-mail wygląda tak: imie@example.com. Możesz zostawić to pole puste.</translation>
    </message>
    <message>
        <source>tip.optional</source>
        <comment>You can leave this blank: it is optional.</comment>
        <translation>Możesz zostawić to puste: to nie jest obowiązkowe.</translation>
    </message>
    <message>
        <source>tip.go_back</source>
        <comment>To change an earlier answer, press Back.</comment>
        <translation>Aby zmienić wcześniejszą odpowiedź, naciśnij Wstecz.</translation>
    </message>
    <message>
        <source>tip.larger_text</source>
        <comment>Press Larger text at the top to make the words bigger.</comment>
        <translation>Naciśnij Większy tekst u góry, aby powiększyć litery.</translation>
    </message>
    <message>
        <source>tip.take_your_time</source>
        <comment>Take your time. Nothing you have typed will be lost.</comment>
        <translation>Nie spiesz się. Nic z tego, co wpisano, nie zginie.</translation>
    </message>
</context>
</TS>
