//! The gallery's layout page.

use super::{CATEGORIES, Demo, GalleryPage};
use kiln::prelude::*;

const SOURCE: Source = source!("layout.rs");

/// A tinted block, to see where layout puts things.
const TILE: &str = "padding:var(--kiln-space-3);border-radius:var(--kiln-radius-3);\
                    background:var(--kiln-accent-3);color:var(--kiln-accent-11)";

/// The layout components, live.
#[component]
pub fn LayoutPage() -> impl IntoView {
    let category = &CATEGORIES[0];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Box" code=SOURCE.item("BoxDemo")><BoxDemo/></Demo>
            <Demo title="Flex" code=SOURCE.item("FlexDemo")><FlexDemo/></Demo>
            <Demo title="Grid" code=SOURCE.item("GridDemo")><GridDemo/></Demo>
            <Demo title="Stack" code=SOURCE.item("StackDemo")><StackDemo/></Demo>
            <Demo title="Container" code=SOURCE.item("ContainerDemo")><ContainerDemo/></Demo>
            <Demo title="Section" code=SOURCE.item("SectionDemo")><SectionDemo/></Demo>
            <Demo title="Center" code=SOURCE.item("CenterDemo")><CenterDemo/></Demo>
            <Demo title="Spacer" code=SOURCE.item("SpacerDemo")><SpacerDemo/></Demo>
            <Demo title="Separator" code=SOURCE.item("SeparatorDemo")><SeparatorDemo/></Demo>
            <Demo title="Aspect ratio" code=SOURCE.item("AspectRatioDemo")><AspectRatioDemo/></Demo>
            <Demo title="Scroll area" code=SOURCE.item("ScrollAreaDemo")><ScrollAreaDemo/></Demo>
            <Demo title="Card" code=SOURCE.item("CardDemo")><CardDemo/></Demo>
            <Demo title="Inset" code=SOURCE.item("InsetDemo")><InsetDemo/></Demo>
        </GalleryPage>
    }
    .into_any()
}

/// Padding by space step; hidden on phones, shown from 768px.
#[component]
fn BoxDemo() -> impl IntoView {
    view! {
        <Flex gap=3 wrap=true>
            <Box p=2><div style=TILE>"p=2"</div></Box>
            <Box p=5><div style=TILE>"p=5"</div></Box>
            <Box px=6 py=1><div style=TILE>"px=6 py=1"</div></Box>
            <Box
                p=2
                display=Responsive::new(BoxDisplay::None).sm(BoxDisplay::Block)
                attr:data-testid="box-from-sm"
            >
                <div style=TILE>"Only from 768px"</div>
            </Box>
        </Flex>
    }
}

/// A column on phones, a row from 768px; items centered and spread.
#[component]
fn FlexDemo() -> impl IntoView {
    view! {
        <Flex
            direction=Responsive::new(Direction::Column).sm(Direction::Row)
            gap=Responsive::new(2).sm(4)
            align=Align::Center
            justify=Align::Between
            attr:data-testid="flex-responsive"
        >
            <div style=TILE>"One"</div>
            <div style=TILE>"Two"</div>
            <div style=TILE>"Three"</div>
        </Flex>
        <Flex direction=Direction::RowReverse gap=2 wrap=true p=3>
            <div style=TILE>"1"</div>
            <div style=TILE>"2 (row reversed)"</div>
        </Flex>
    }
}

/// One column on phones, two from 768px, three from 1024px; and a template grid.
#[component]
fn GridDemo() -> impl IntoView {
    view! {
        <Stack gap=4>
            <Grid columns=Responsive::new(1).sm(2).md(3) gap=3 attr:data-testid="grid-responsive">
                {(1..=6).map(|n| view! { <Card size=Size::S1>{format!("Card {n}")}</Card> }).collect_view()}
            </Grid>
            <Grid columns="10rem 1fr" gap=3 align=Align::Center>
                <div style=TILE>"10rem"</div>
                <div style=TILE>"The rest (1fr)"</div>
            </Grid>
        </Stack>
    }
}

/// Stacks: a column with a gap, a row centered vertically.
#[component]
fn StackDemo() -> impl IntoView {
    view! {
        <Grid columns=Responsive::new(1).sm(2) gap=5>
            <VStack gap=2>
                <div style=TILE>"VStack"</div>
                <div style=TILE>"gap=2"</div>
                <div style=TILE>"column"</div>
            </VStack>
            <HStack gap=2 wrap=true>
                <div style=TILE>"HStack"</div>
                <div style=TILE>"centered"</div>
                <Button size=Size::S1>"Action"</Button>
            </HStack>
        </Grid>
        <Stack as_=LayoutTag::Ul gap=1 p=3>
            <li>"A Stack rendered as a list"</li>
            <li>"with no bullets or indent"</li>
        </Stack>
    }
}

/// Centered content at a maximum width, by size.
#[component]
fn ContainerDemo() -> impl IntoView {
    view! {
        <Stack gap=2>
            <Container size=Size::S1><div style=TILE>"Size 1: 448px at most"</div></Container>
            <Container size=Size::S2><div style=TILE>"Size 2: 688px at most"</div></Container>
            <Container size=Size::S3><div style=TILE>"Size 3: 880px at most"</div></Container>
        </Stack>
    }
}

/// Vertical padding by size.
#[component]
fn SectionDemo() -> impl IntoView {
    view! {
        <div style="background:var(--kiln-gray-3);border-radius:var(--kiln-radius-3)">
            <Section size=Size::S1><Center><Text>"Section size 1: 24px above and below"</Text></Center></Section>
            <Separator decorative=true/>
            <Section><Center><Text>"Section size 2 (the default): 40px"</Text></Center></Section>
        </div>
    }
}

/// Content centered both ways.
#[component]
fn CenterDemo() -> impl IntoView {
    view! {
        <div style="height:8rem;border:1px dashed var(--kiln-gray-7);border-radius:var(--kiln-radius-3)">
            <Center attr:style="height:100%">
                <div style=TILE>"Centered"</div>
            </Center>
        </div>
    }
}

/// The free space between items, or a fixed space.
#[component]
fn SpacerDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Flex align=Align::Center>
                <div style=TILE>"Logo"</div>
                <Spacer/>
                <div style=TILE>"Account"</div>
            </Flex>
            <Flex align=Align::Center>
                <div style=TILE>"A"</div>
                <Spacer size=7/>
                <div style=TILE>"B, 40px later"</div>
            </Flex>
        </Stack>
    }
}

/// Horizontal and vertical, full length or sized, gray or colored.
#[component]
fn SeparatorDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Text>"Above"</Text>
            <Separator/>
            <Text>"Below"</Text>
            <Separator size=Size::S3 color=Color::Indigo/>
            <HStack gap=3>
                <Text>"Docs"</Text>
                <Separator orientation=Orientation::Vertical size=Size::S1/>
                <Text>"API"</Text>
                <Separator orientation=Orientation::Vertical size=Size::S1/>
                <Text>"Blog"</Text>
            </HStack>
        </Stack>
    }
}

/// A box kept at 16:9 and at 1:1.
#[component]
fn AspectRatioDemo() -> impl IntoView {
    view! {
        <Grid columns="2fr 1fr" gap=3 align=Align::Start>
            <AspectRatio ratio=16.0 / 9.0>
                <Center><span style=TILE>"16 / 9"</span></Center>
            </AspectRatio>
            <AspectRatio ratio=1.0>
                <Center><span style=TILE>"1 / 1"</span></Center>
            </AspectRatio>
        </Grid>
    }
}

/// A focusable, labelled region that scrolls.
#[component]
fn ScrollAreaDemo() -> impl IntoView {
    view! {
        <ScrollArea
            label="Release notes"
            height="10rem"
            scrollbars=Scrollbars::Vertical
            attr:data-testid="scroll-area"
        >
            <Stack gap=2 p=3>
                {(1..=12)
                    .map(|n| view! { <Text as_=TextTag::P>{format!("Release 0.{n}: faster, smaller, kinder.")}</Text> })
                    .collect_view()}
            </Stack>
        </ScrollArea>
    }
}

/// Surface, classic and ghost; as a link and as a button.
#[component]
fn CardDemo() -> impl IntoView {
    let presses = RwSignal::new(0);
    view! {
        <Grid columns=Responsive::new(1).sm(3) gap=3>
            <Card>
                <Heading level=3 size=3>"Surface"</Heading>
                <Text as_=TextTag::P size=2>"The default card."</Text>
            </Card>
            <Card variant=CardVariant::Classic>
                <Heading level=3 size=3>"Classic"</Heading>
                <Text as_=TextTag::P size=2>"With a shadow."</Text>
            </Card>
            <Card variant=CardVariant::Ghost>
                <Heading level=3 size=3>"Ghost"</Heading>
                <Text as_=TextTag::P size=2>"No panel."</Text>
            </Card>
            <Card href="/ui/typography" attr:data-testid="card-link">
                <Text weight=FontWeight::Bold>"A link card"</Text>
                <Text as_=TextTag::P size=2>"Goes to the typography page."</Text>
            </Card>
            <Card
                variant=CardVariant::Classic
                size=Size::S3
                on_click=move |_| presses.update(|n| *n += 1)
                attr:data-testid="card-button"
            >
                // A button holds only phrasing content: a span laid out as a column.
                <Flex as_=LayoutTag::Span direction=Direction::Column gap=1>
                    <Text weight=FontWeight::Bold>"A button card"</Text>
                    <Text size=2 attr:data-testid="card-button-count">
                        {move || format!("Pressed {} times", presses.get())}
                    </Text>
                </Flex>
            </Card>
        </Grid>
    }
}

/// Content bled to the card's edges.
#[component]
fn InsetDemo() -> impl IntoView {
    view! {
        <Grid columns=Responsive::new(1).sm(2) gap=3>
            <Card size=Size::S2>
                <Inset side=InsetSide::Top>
                    <AspectRatio ratio=3.0>
                        <div
                            role="img"
                            aria-label="An orange gradient"
                            style="background:linear-gradient(135deg,var(--kiln-accent-5),var(--kiln-accent-9))"
                        ></div>
                    </AspectRatio>
                </Inset>
                <Text as_=TextTag::P size=2>"An image at the top, edge to edge."</Text>
            </Card>
            <Card size=Size::S2>
                <Flex>
                    <Inset side=InsetSide::Left>
                        <div
                            role="img"
                            aria-label="A teal block"
                            style="width:5rem;height:100%;min-height:5rem;background:var(--kiln-accent-4)"
                            data-accent="teal"
                        ></div>
                    </Inset>
                    <Text as_=TextTag::P size=2>"A picture on the left."</Text>
                </Flex>
            </Card>
        </Grid>
    }
}
