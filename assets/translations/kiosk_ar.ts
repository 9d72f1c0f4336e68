<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>CrashScreen</name>
    <message>
        <location filename="../../kiosk/crash.py" line="64"/>
        <source>Sorry — something went wrong.</source>
        <translation>عذرًا — حدث خطأ ما.</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="65"/>
        <source>Starting again…</source>
        <translation>نبدأ من جديد…</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="66"/>
        <source>Sorry — something went wrong. Starting again…</source>
        <translation>عذرًا — حدث خطأ ما. نبدأ من جديد…</translation>
    </message>
    <message>
        <location filename="../../kiosk/crash.py" line="70"/>
        <source>Sorry, something went wrong. Starting again.</source>
        <translation>عذرًا، حدث خطأ ما. نبدأ من جديد.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message numerus="yes">
        <location filename="../../shared/ui/pages/idle.py" line="83"/>
        <source>Do you need more time? Tap the screen to carry on. Otherwise the screen will clear in %n seconds to keep your details private.</source>
        <translation>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثانية حفاظًا على خصوصية بياناتك.</numerusform>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثانية حفاظًا على خصوصية بياناتك.</numerusform>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثانية حفاظًا على خصوصية بياناتك.</numerusform>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثوانٍ حفاظًا على خصوصية بياناتك.</numerusform>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثانية حفاظًا على خصوصية بياناتك.</numerusform>
            <numerusform>هل تحتاج إلى مزيد من الوقت؟ المس الشاشة لتكمل. وإلا فستُمسح الشاشة بعد %n ثانية حفاظًا على خصوصية بياناتك.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="90"/>
        <location filename="../../shared/ui/pages/idle.py" line="96"/>
        <source>Do you need more time?</source>
        <translation>هل تحتاج إلى مزيد من الوقت؟</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="92"/>
        <source>The screen will clear to keep your details private. Tap anywhere to carry on.</source>
        <translation>ستُمسح الشاشة حفاظًا على خصوصية بياناتك. المس أي مكان في الشاشة لتكمل.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/idle.py" line="94"/>
        <location filename="../../shared/ui/pages/idle.py" line="95"/>
        <source>Yes, I need more time</source>
        <translation>نعم، أحتاج إلى مزيد من الوقت</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shared/ui/pages/idle.py" line="100"/>
        <source>%n seconds left</source>
        <translation>
            <numerusform>بقيت %n ثانية</numerusform>
            <numerusform>بقيت %n ثانية</numerusform>
            <numerusform>بقيت %n ثانية</numerusform>
            <numerusform>بقيت %n ثوانٍ</numerusform>
            <numerusform>بقيت %n ثانية</numerusform>
            <numerusform>بقيت %n ثانية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../kiosk/app.py" line="476"/>
        <source>We cannot find a request with that reference. Please check it.</source>
        <translation>لا نجد طلبًا بهذا الرقم المرجعي. يُرجى التحقق منه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="478"/>
        <source>We cannot check just now. Please try again in a few minutes.</source>
        <translation>لا يمكننا التحقق الآن. يُرجى المحاولة مرة أخرى بعد بضع دقائق.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="480"/>
        <source>Sorry, that did not work. Please try again.</source>
        <translation>عذرًا، لم ينجح ذلك. يُرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="490"/>
        <source>References never use the character %1. Please check it against your receipt.</source>
        <translation>لا تحتوي الأرقام المرجعية أبدًا على الرمز %1. يُرجى مقارنة الرقم بالإيصال الذي معك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="493"/>
        <source>A reference only has letters and numbers. Please check it.</source>
        <translation>يتكوّن الرقم المرجعي من حروف وأرقام فقط. يُرجى التحقق منه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="495"/>
        <source>A reference has 9 letters and numbers; this one has %1.</source>
        <translation>يتكوّن الرقم المرجعي من 9 حروف وأرقام، وعدد ما كتبته: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="499"/>
        <source>Please type your reference.</source>
        <translation>يُرجى كتابة رقمك المرجعي.</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="501"/>
        <source>That reference is not quite right: one character may be mistyped, or two may be the wrong way round. Please check it and try again.</source>
        <translation>هذا الرقم المرجعي ليس صحيحًا تمامًا: ربما كُتب رمز واحد خطأً، أو تبادل رمزان مكانيهما. يُرجى التحقق منه والمحاولة مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="270"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="272"/>
        <source>Start again</source>
        <translation>ابدأ من جديد</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="274"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="276"/>
        <source>Larger text</source>
        <translation>نص أكبر</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="279"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="282"/>
        <source>High contrast</source>
        <translation>تباين عالٍ</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="284"/>
        <location filename="../../shared/ui/kiosk_screen.py" line="286"/>
        <source>Read aloud</source>
        <translation>القراءة بصوت عالٍ</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="289"/>
        <source>Offline: your request will still be sent</source>
        <translation>لا يوجد اتصال بالشبكة: سيُرسَل طلبك رغم ذلك</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="291"/>
        <source>Thank you. Goodbye!</source>
        <translation>شكرًا لك. مع السلامة!</translation>
    </message>
    <message>
        <location filename="../../shared/ui/kiosk_screen.py" line="293"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <location filename="../../shared/ui/pages/languages.py" line="80"/>
        <source>Choose your language</source>
        <translation>اختر لغتك</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/languages.py" line="81"/>
        <location filename="../../shared/ui/pages/languages.py" line="82"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="100"/>
        <source>At sign</source>
        <translation>علامة آت</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="101"/>
        <source>Full stop</source>
        <translation>نقطة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="102"/>
        <source>Comma</source>
        <translation>فاصلة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="103"/>
        <source>Hyphen</source>
        <translation>شرطة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="104"/>
        <source>Underscore</source>
        <translation>شرطة سفلية</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="105"/>
        <source>Plus</source>
        <translation>زائد</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="106"/>
        <source>Hash</source>
        <translation>علامة المربع</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="107"/>
        <source>Pound sign</source>
        <translation>رمز الجنيه الإسترليني</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="108"/>
        <source>Ampersand</source>
        <translation>علامة العطف</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="109"/>
        <source>Open bracket</source>
        <translation>قوس الفتح</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="110"/>
        <source>Close bracket</source>
        <translation>قوس الإغلاق</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="111"/>
        <source>Apostrophe</source>
        <translation>فاصلة عليا</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="112"/>
        <source>Quotation mark</source>
        <translation>علامة تنصيص</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="113"/>
        <source>Question mark</source>
        <translation>علامة استفهام</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="114"/>
        <source>Exclamation mark</source>
        <translation>علامة تعجب</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="115"/>
        <source>Slash</source>
        <translation>شرطة مائلة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="116"/>
        <source>Colon</source>
        <translation>نقطتان</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="117"/>
        <source>Semicolon</source>
        <translation>فاصلة منقوطة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="118"/>
        <source>Percent</source>
        <translation>علامة النسبة المئوية</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="119"/>
        <source>Asterisk</source>
        <translation>نجمة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="120"/>
        <source>Arabic comma</source>
        <translation>فاصلة عربية</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="121"/>
        <source>Arabic question mark</source>
        <translation>علامة استفهام عربية</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="122"/>
        <source>Arabic semicolon</source>
        <translation>فاصلة منقوطة عربية</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="123"/>
        <source>dot com</source>
        <translation>دوت كوم</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="124"/>
        <source>dot co dot uk</source>
        <translation>دوت كو دوت يو كيه</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="125"/>
        <source>dot gov dot uk</source>
        <translation>دوت جوف دوت يو كيه</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="126"/>
        <source>Lam alef</source>
        <translation>لام ألف</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="129"/>
        <location filename="../../shared/ui/keyboard/layouts.py" line="142"/>
        <source>Space</source>
        <translation>مسافة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="130"/>
        <source>Backspace</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="131"/>
        <source>Shift</source>
        <translation>تبديل</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="132"/>
        <source>Caps Lock</source>
        <translation>تثبيت الأحرف الكبيرة</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="133"/>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="134"/>
        <source>New line</source>
        <translation>سطر جديد</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="135"/>
        <source>Hide keyboard</source>
        <translation>إخفاء لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="136"/>
        <source>Numbers and symbols</source>
        <translation>أرقام ورموز</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="137"/>
        <source>Letters</source>
        <translation>حروف</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="138"/>
        <source>Capital %1</source>
        <translation>حرف كبير %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="143"/>
        <source>⌫ Delete</source>
        <translation>⌫ حذف</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="144"/>
        <source>⇧ Shift</source>
        <translation>⇧ تبديل</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="145"/>
        <source>Caps</source>
        <translation>تثبيت</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="146"/>
        <source>Done ✓</source>
        <translation>تم ✓</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="147"/>
        <source>↵ New line</source>
        <translation>↵ سطر جديد</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/layouts.py" line="148"/>
        <source>▼ Hide</source>
        <translation>▼ إخفاء</translation>
    </message>
    <message>
        <location filename="../../shared/ui/keyboard/view.py" line="210"/>
        <location filename="../../shared/ui/keyboard/view.py" line="319"/>
        <source>On-screen keyboard</source>
        <translation>لوحة المفاتيح على الشاشة</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="119"/>
        <source>That PIN is not right. %n tries left.</source>
        <translation>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولة.</numerusform>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولة.</numerusform>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولة.</numerusform>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولات.</numerusform>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولة.</numerusform>
            <numerusform>رمز PIN هذا غير صحيح. بقيت %n محاولة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="130"/>
        <source>Too many wrong PINs. Try again in %n minutes.</source>
        <translation>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقائق.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/lockdown/pin_pad.py" line="132"/>
        <source>Too many wrong PINs. Try again in %n seconds.</source>
        <translation>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثوانٍ.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>أُدخل رمز PIN خطأً مرات كثيرة. حاول مرة أخرى بعد %n ثانية.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="149"/>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="159"/>
        <source>Installer exit</source>
        <translation>خروج فنّي التركيب</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="150"/>
        <source>Enter the installer PIN to close the kiosk.</source>
        <translation>أدخل رمز PIN الخاص بفنّي التركيب لإغلاق الكشك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="151"/>
        <source>Installer PIN</source>
        <translation>رمز PIN لفنّي التركيب</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="152"/>
        <source>PIN</source>
        <translation>رمز PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="153"/>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="154"/>
        <source>Delete the last digit</source>
        <translation>حذف الرقم الأخير</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="155"/>
        <source>Enter</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="156"/>
        <source>Enter the PIN</source>
        <translation>تأكيد رمز PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="157"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="158"/>
        <source>Cancel and go back</source>
        <translation>إلغاء والرجوع</translation>
    </message>
    <message>
        <location filename="../../kiosk/lockdown/pin_pad.py" line="160"/>
        <source>PIN keys</source>
        <translation>مفاتيح رمز PIN</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <location filename="../../shared/ui/pages/services.py" line="145"/>
        <source>All services</source>
        <translation>كل الخدمات</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/services.py" line="186"/>
        <source>What do you want to do?</source>
        <translation>ماذا تريد أن تفعل؟</translation>
    </message>
</context>
<context>
    <name>StartAgainConfirm</name>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="58"/>
        <source>Start again?</source>
        <translation>هل تريد البدء من جديد؟</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="59"/>
        <source>Your answers will be cleared. This cannot be undone.</source>
        <translation>ستُمحى إجاباتك. لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="61"/>
        <source>No, keep my answers</source>
        <translation>لا، احتفظ بإجاباتي</translation>
    </message>
    <message>
        <location filename="../../kiosk/overlays/confirm.py" line="62"/>
        <source>Yes, clear them</source>
        <translation>نعم، امحها</translation>
    </message>
</context>
<context>
    <name>TrackView</name>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="35"/>
        <source>Received</source>
        <translation>تم الاستلام</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="36"/>
        <source>Passed to the team</source>
        <translation>أُحيل إلى الفريق المختص</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="37"/>
        <source>Being worked on</source>
        <translation>نعمل عليه</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="38"/>
        <source>Waiting for you</source>
        <translation>بانتظارك</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="39"/>
        <source>Done</source>
        <translation>أُنجز</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="40"/>
        <source>Closed</source>
        <translation>أُغلق</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="41"/>
        <source>Already reported</source>
        <translation>أُبلغ عنه من قبل</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="42"/>
        <source>Cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="133"/>
        <source>Looking for your request…</source>
        <translation>نبحث عن طلبك…</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="159"/>
        <source>Status: %1</source>
        <translation>الحالة: %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="143"/>
        <source>We aim to finish by %1</source>
        <translation>نسعى إلى الانتهاء بحلول: %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="161"/>
        <source>What has happened</source>
        <translation>ما حدث حتى الآن</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="214"/>
        <source>Check on a request</source>
        <translation>متابعة طلب</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="216"/>
        <source>Type your reference. It is 9 letters and numbers, like K2A-222-2KC.</source>
        <translation>اكتب رقمك المرجعي. يتكوّن من 9 حروف وأرقام، مثل K2A-222-2KC.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="218"/>
        <source>Your reference</source>
        <translation>رقمك المرجعي</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/track.py" line="219"/>
        <location filename="../../shared/ui/pages/track.py" line="220"/>
        <source>Check</source>
        <translation>تحقّق</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="140"/>
        <source>Welcome</source>
        <translation>أهلًا وسهلًا</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="142"/>
        <source>Report a problem, apply, tell us you have moved, or give feedback.</source>
        <translation>أبلغ عن مشكلة، أو قدّم طلبًا، أو أخبرنا بانتقالك إلى عنوان جديد، أو شاركنا رأيك.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="144"/>
        <location filename="../../shared/ui/pages/welcome.py" line="145"/>
        <source>Start</source>
        <translation>ابدأ</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="146"/>
        <source>Check on a request I made</source>
        <translation>متابعة طلب قدّمته</translation>
    </message>
    <message>
        <location filename="../../shared/ui/pages/welcome.py" line="148"/>
        <source>Choose your language</source>
        <translation>اختر لغتك</translation>
    </message>
</context>
</TS>
